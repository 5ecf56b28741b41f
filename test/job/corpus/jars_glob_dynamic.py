# Shape: every JAR of a folder found with glob at run time: the list is unknown here and reported.
import glob

from pyflink.datastream import StreamExecutionEnvironment

env = StreamExecutionEnvironment.get_execution_environment()
env.add_jars(*["file://" + path for path in glob.glob("/opt/jobs/lib/*.jar")])
