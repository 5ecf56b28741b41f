# Twin of ds_flink_kafka_consumer.py: the connector names appear only inside strings and a comment, as in
# a job that prints usage text. Nothing is imported from pyflink's connectors.
import sys

USAGE = "usage: job.py  (the Kafka variant does `from pyflink.datastream.connectors import FlinkKafkaConsumer`)"
# env.add_jars("file:///opt/jobs/lib/flink-sql-connector-kafka-3.1.0-1.18.jar")

if len(sys.argv) < 2:
    print(USAGE)
    print("env.add_jars('file:///nowhere.jar') is how you would add a JAR")
