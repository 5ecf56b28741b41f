# Twin of ds_module_alias.py: the job defines its own KafkaSource helper class (no PyFlink import), so
# the name alone must not count as PyFlink's connector.
class KafkaSource:
    """A test double the team uses in unit tests."""

    def __init__(self, records):
        self.records = records

    @staticmethod
    def builder():
        return KafkaSource([])


source = KafkaSource.builder()
print(len(source.records))
