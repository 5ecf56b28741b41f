# Twin of sql_ddl_in_helper.py: the DDL appears only as an example inside a docstring.
def describe():
    """Documents the table this job expects:

        CREATE TABLE events (payload STRING) WITH (
            'connector' = 'kafka',
            'format' = 'raw'
        )
    """
    return "see docstring"


print(describe())
