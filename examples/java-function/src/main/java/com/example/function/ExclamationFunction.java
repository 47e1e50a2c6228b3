package com.example.function;

import java.util.function.Function;

/** Appends "!" to every message: Pulsar runs a plain java.util.function.Function as a function. */
public class ExclamationFunction implements Function<String, String> {
  @Override
  public String apply(String input) {
    return input + "!";
  }
}
