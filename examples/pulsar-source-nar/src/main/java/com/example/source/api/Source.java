package com.example.source.api;

import java.util.Map;

/**
 * Stand-in for org.apache.pulsar.io.core.Source, so that this example builds offline. A real
 * source implements the Pulsar interface (pulsar-io-core, provided by the runner).
 */
public interface Source<T> extends AutoCloseable {
  void open(Map<String, Object> config) throws Exception;

  T read() throws Exception;
}
