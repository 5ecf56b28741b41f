# Twin of td_builder_variable.py: an argparse-like options object with .option()/.format() methods of its
# own; nothing of it is a Table API descriptor.
class Options:
    def __init__(self):
        self.values = {}

    def option(self, key, value):
        self.values[key] = value
        return self

    def format(self, name):
        return self.option("format", name)


opts = Options().option("format", "json").format("csv")
settings = {"connector": "kafka", "format": "avro"}
print(opts.values, settings)
