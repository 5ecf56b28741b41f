# Twin of ds_kafka_source.py: the Kafka import is commented out or only mentioned in prose, and the job
# reads a bounded collection instead. No connector class is needed.
from pyflink.datastream import StreamExecutionEnvironment
# from pyflink.datastream.connectors.kafka import KafkaSource, KafkaOffsetsInitializer

HELP = """To read Kafka instead, use:
    from pyflink.datastream.connectors.kafka import KafkaSource
"""


def main():
    """Prints three numbers. (from pyflink.datastream.connectors.kafka import KafkaSink is for later.)"""
    env = StreamExecutionEnvironment.get_execution_environment()
    env.from_collection([1, 2, 3]).print()
    env.execute("numbers")


if __name__ == "__main__":
    main()
