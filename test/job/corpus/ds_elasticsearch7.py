# Shape: DataStream sink to Elasticsearch 7 with Elasticsearch7SinkBuilder, JAR added by pipeline.jars on
# the environment's configuration (a common shape in tutorials).
from pyflink.common import Configuration
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.datastream.connectors.elasticsearch import Elasticsearch7SinkBuilder, ElasticsearchEmitter

config = Configuration()
config.set_string("pipeline.jars", "file:///opt/jobs/lib/flink-sql-connector-elasticsearch7-3.1.0-1.20.jar")
env = StreamExecutionEnvironment.get_execution_environment(config)

sink = Elasticsearch7SinkBuilder() \
    .set_emitter(ElasticsearchEmitter.static_index("docs", "id")) \
    .set_hosts(["es:9200"]) \
    .build()
env.from_collection([{"id": "1"}]).sink_to(sink)
env.execute("to-es")
