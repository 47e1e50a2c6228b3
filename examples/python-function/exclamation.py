"""A Pulsar Function in Python: appends "!" to every message.

Pulsar runs a plain function as a "native" Python function; one that needs the Pulsar
Functions context (logging, state, publishing) subclasses pulsar.Function instead.
"""


def process(input):
    return input + "!"
