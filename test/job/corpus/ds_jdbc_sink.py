# Shape: DataStream rows written to PostgreSQL with JdbcSink, connection options built with
# JdbcConnectionOptionsBuilder (URL and driver name), as PyFlink's JDBC connector docs show.
from pyflink.common import Types
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.datastream.connectors.jdbc import JdbcSink, JdbcConnectionOptions, JdbcExecutionOptions

env = StreamExecutionEnvironment.get_execution_environment()
rows = env.from_collection([(1, "a"), (2, "b")], type_info=Types.ROW([Types.INT(), Types.STRING()]))
rows.add_sink(JdbcSink.sink(
    "insert into events (id, name) values (?, ?)",
    Types.ROW([Types.INT(), Types.STRING()]),
    JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
    .with_url("jdbc:postgresql://db:5432/app")
    .with_driver_name("org.postgresql.Driver")
    .with_user_name("app")
    .with_password("secret")
    .build(),
    JdbcExecutionOptions.builder().with_batch_size(100).build()))
env.execute("to-postgres")
