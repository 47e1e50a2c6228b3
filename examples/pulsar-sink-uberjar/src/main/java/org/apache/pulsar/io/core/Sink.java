package org.apache.pulsar.io.core;

import java.util.Map;

/**
 * Stand-in for org.apache.pulsar.io.core.Sink (same name, simplified methods), so that this
 * example builds offline and Slipway's role check sees Pulsar's interface. A real sink
 * implements the Pulsar interface (pulsar-io-core, scope provided) with the same three methods.
 */
public interface Sink<T> extends AutoCloseable {
  void open(Map<String, Object> config) throws Exception;

  void write(T record) throws Exception;
}
