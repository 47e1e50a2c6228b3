package com.example.sink;

import org.apache.pulsar.io.core.Sink;
import java.util.Map;
import java.util.logging.Logger;

/** Logs every record it receives, with an optional prefix from the sink config. */
public class LoggingSink implements Sink<String> {
  private static final Logger LOG = Logger.getLogger(LoggingSink.class.getName());
  private String prefix = "";

  @Override
  public void open(Map<String, Object> config) {
    Object configured = config.get("prefix");
    if (configured != null) {
      prefix = configured.toString();
    }
  }

  @Override
  public void write(String record) {
    LOG.info(prefix + record);
  }

  @Override
  public void close() {}
}
