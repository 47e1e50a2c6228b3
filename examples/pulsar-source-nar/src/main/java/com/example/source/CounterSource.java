package com.example.source;

import org.apache.pulsar.io.core.Source;
import java.util.Map;

/** Emits 1, 2, 3, … every `intervalMs` milliseconds (default 1000). */
public class CounterSource implements Source<Long> {
  private long next = 1;
  private long intervalMs = 1000;

  @Override
  public void open(Map<String, Object> config) {
    CounterSourceConfig parsed = CounterSourceConfig.from(config);
    intervalMs = parsed.getIntervalMs();
  }

  @Override
  public Long read() throws InterruptedException {
    Thread.sleep(intervalMs);
    return next++;
  }

  @Override
  public void close() {}
}
