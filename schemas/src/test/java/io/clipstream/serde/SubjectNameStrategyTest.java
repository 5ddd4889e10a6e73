package io.clipstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipstream.contracts.Event;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

  private static final Schema EVENT = Event.getClassSchema();

  @Test
  void shouldNameTopicSubjectsWithKeyOrValueSuffix() {
    assertThat(SubjectNameStrategy.TOPIC_NAME.subject("cv.events", false, EVENT))
        .isEqualTo("cv.events-value");
    assertThat(SubjectNameStrategy.TOPIC_NAME.subject("cv.events", true, EVENT))
        .isEqualTo("cv.events-key");
  }

  @Test
  void shouldNameRecordSubjectsByFullRecordName() {
    assertThat(SubjectNameStrategy.RECORD_NAME.subject("cv.events", false, EVENT))
        .isEqualTo("io.clipstream.contracts.Event");
    assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("cv.events", false, EVENT))
        .isEqualTo("cv.events-io.clipstream.contracts.Event");
  }

  @Test
  void shouldAcceptShortNamesAndConfluentClassNames() {
    assertThat(SubjectNameStrategy.parse("k", "TopicNameStrategy"))
        .isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    assertThat(
            SubjectNameStrategy.parse(
                "k", "io.confluent.kafka.serializers.subject.RecordNameStrategy"))
        .isEqualTo(SubjectNameStrategy.RECORD_NAME);
    assertThat(SubjectNameStrategy.parse("k", " topicrecordnamestrategy "))
        .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
    assertThat(SubjectNameStrategy.parse("k", "TOPIC_RECORD_NAME"))
        .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
  }

  @Test
  void shouldListTheAcceptedNamesWhenTheStrategyIsUnknown() {
    assertThatThrownBy(
            () -> SubjectNameStrategy.parse("value.subject.name.strategy", "com.acme.MyStrategy"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("value.subject.name.strategy")
        .hasMessageContaining("TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy");
  }

  @Test
  void shouldRefuseRecordNamesForNonRecordSchemas() {
    assertThatThrownBy(
            () ->
                SubjectNameStrategy.RECORD_NAME.subject(
                    "t", true, Schema.create(Schema.Type.STRING)))
        .hasMessageContaining("need a record schema, got string");
  }

  @Test
  void shouldKnowWhichStrategiesNeedTheSchema() {
    assertThat(SubjectNameStrategy.TOPIC_NAME.dependsOnSchema()).isFalse();
    assertThat(SubjectNameStrategy.RECORD_NAME.dependsOnSchema()).isTrue();
  }
}
