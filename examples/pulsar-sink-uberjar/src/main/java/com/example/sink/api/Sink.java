package com.example.sink.api;

import java.util.Map;

/**
 * Stand-in for org.apache.pulsar.io.core.Sink, so that this example builds offline. A real sink
 * implements the Pulsar interface (pulsar-io-core, scope provided) with the same three methods.
 */
public interface Sink<T> extends AutoCloseable {
  void open(Map<String, Object> config) throws Exception;

  void write(T record) throws Exception;
}
