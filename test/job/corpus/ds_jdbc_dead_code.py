# Twin of ds_jdbc_sink.py: the JDBC sink sits in an `if False:` block someone left while debugging, and
# the live branch prints. Blocks that never run need nothing.
from pyflink.datastream import StreamExecutionEnvironment

env = StreamExecutionEnvironment.get_execution_environment()
rows = env.from_collection([(1, "a")])
if False:
    from pyflink.datastream.connectors.jdbc import JdbcSink
    env.add_jars("file:///opt/jobs/lib/flink-connector-jdbc-3.1.2-1.18.jar")
    rows.add_sink(JdbcSink.sink("insert into t values (?)", None, None))
else:
    rows.print()
env.execute("debug")
