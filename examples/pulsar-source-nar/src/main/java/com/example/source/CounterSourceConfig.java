package com.example.source;

import java.util.Map;

/** The source's configuration, named by sourceConfigClass in pulsar-io.yaml. */
public class CounterSourceConfig {
  private long intervalMs = 1000;

  public long getIntervalMs() {
    return intervalMs;
  }

  static CounterSourceConfig from(Map<String, Object> config) {
    CounterSourceConfig parsed = new CounterSourceConfig();
    Object value = config.get("intervalMs");
    if (value != null) {
      parsed.intervalMs = Long.parseLong(value.toString());
    }
    return parsed;
  }
}
