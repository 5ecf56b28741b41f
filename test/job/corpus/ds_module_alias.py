# Shape: the connector module imported as a whole and used through its name (kafka.KafkaSink), as some
# teams do to keep names short.
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.datastream.connectors import kafka
import pyflink.datastream.connectors.pulsar as pulsar


def sinks():
    return kafka.KafkaSink.builder(), pulsar.PulsarSource.builder()


env = StreamExecutionEnvironment.get_execution_environment()
env.execute("aliases")
