# Shape: pathlib used to build the URL (Path(__file__).parent / "lib" / name, then .as_uri()).
from pathlib import Path

from pyflink.datastream import StreamExecutionEnvironment

LIB = Path(__file__).parent / "lib"
env = StreamExecutionEnvironment.get_execution_environment()
env.add_jars((LIB / "flink-sql-connector-pulsar-4.1.0-1.18.jar").as_uri())
