# Shape: a descriptor builder kept in a variable and finished later (format added on a separate statement).
from pyflink.table import EnvironmentSettings, TableDescriptor, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
builder = TableDescriptor.for_connector("filesystem").option("path", "/data/in")
builder = builder.format("orc")
t_env.create_temporary_table("src", builder.build())
