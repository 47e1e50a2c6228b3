def process(input, context):
    return input.upper()
