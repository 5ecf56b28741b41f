# Shape: the pre-1.16 DataStream style, importing FlinkKafkaConsumer/FlinkKafkaProducer from the connectors
# package itself (PyFlink re-exports them there) and adding the fat JAR with env.add_jars.
from pyflink.common.serialization import SimpleStringSchema
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.datastream.connectors import FlinkKafkaConsumer, FlinkKafkaProducer

env = StreamExecutionEnvironment.get_execution_environment()
env.add_jars("file:///opt/jobs/lib/flink-sql-connector-kafka-3.1.0-1.18.jar")

props = {"bootstrap.servers": "kafka:9092", "group.id": "legacy"}
consumer = FlinkKafkaConsumer("in", SimpleStringSchema(), props)
producer = FlinkKafkaProducer("out", SimpleStringSchema(), props)
env.add_source(consumer).map(lambda s: s.upper()).add_sink(producer)
env.execute("legacy-kafka")
