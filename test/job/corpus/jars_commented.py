# Twin of jars_image_path.py: the JAR lines are commented out and a docstring explains add_jars.
from pyflink.datastream import StreamExecutionEnvironment


def env_with_jars():
    """Call env.add_jars("file:///opt/flink/lib/flink-sql-connector-kafka-3.1.0-1.18.jar") when needed."""
    env = StreamExecutionEnvironment.get_execution_environment()
    # env.add_jars("file:///opt/flink/lib/flink-sql-connector-kafka-3.1.0-1.18.jar")
    # env.get_config().set("pipeline.jars", "file:///x.jar")
    return env
