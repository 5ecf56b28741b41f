# Shape: a small helper that runs whatever DDL it is given (logging first), called with literal DDL.
import logging

from pyflink.table import EnvironmentSettings, TableEnvironment

log = logging.getLogger("job")


def run_ddl(t_env, ddl):
    log.info("running %s", ddl)
    t_env.execute_sql(ddl)


t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
run_ddl(t_env, "CREATE TABLE src (v STRING) WITH ('connector' = 'pulsar', 'topics' = 't', 'format' = 'json')")
run_ddl(t_env, ddl="CREATE TABLE out (v STRING) WITH ('connector' = 'print')")
