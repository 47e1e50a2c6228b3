package org.apache.pulsar.io.core;

import java.util.Map;

/**
 * Stand-in for org.apache.pulsar.io.core.Source (same name, simplified methods), so that this
 * example builds offline and Slipway's role check sees Pulsar's interface. A real
 * source implements the Pulsar interface (pulsar-io-core, provided by the runner).
 */
public interface Source<T> extends AutoCloseable {
  void open(Map<String, Object> config) throws Exception;

  T read() throws Exception;
}
