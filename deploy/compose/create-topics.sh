#!/usr/bin/env bash
# Creates the fixed topics of the fmnist contract on a Kafka cluster whose broker auto-creation is off.
# Idempotent: a topic that exists already is left as it is (its partitions and configs are not changed).
# Dataset split topics (fmnist.datasets.<name>.<split>) are not created here: ingest-service creates them.
#
# Runs inside the apache/kafka image (the kafka-init container of docker-compose.yml). On Kubernetes the topics are
# KafkaTopic resources of deploy/kafka/topics.yaml (Strimzi), checked against the same ContractTopics.
#   KAFKA_BOOTSTRAP_SERVERS   broker to talk to (default localhost:9092)
#   FMNIST_TOPIC_REPLICATION  replication factor of new topics (default 1, a single broker)
#   FMNIST_STREAM_PARTITIONS  partitions of the stream topics (images, predictions, shadow predictions, training
#                             jobs; default 4): the most replicas of inference, evaluation or training that share work
#   KAFKA_HOME                Kafka installation holding bin/kafka-topics.sh (default /opt/kafka)
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}"
replication="${FMNIST_TOPIC_REPLICATION:-1}"
streams="${FMNIST_STREAM_PARTITIONS:-4}"
topics_sh="${KAFKA_HOME:-/opt/kafka}/bin/kafka-topics.sh"

echo "waiting for Kafka at ${bootstrap}"
for attempt in $(seq 1 60); do
  if "${topics_sh}" --bootstrap-server "${bootstrap}" --list > /dev/null 2>&1; then
    break
  fi
  if [ "${attempt}" -eq 60 ]; then
    echo "Kafka at ${bootstrap} did not answer within 5 minutes" >&2
    exit 1
  fi
  sleep 5
done

# create TOPIC PARTITIONS [CONFIG=VALUE ...]
create() {
  local topic="$1" partitions="$2"
  shift 2
  local configs=()
  local config
  for config in "$@"; do
    configs+=(--config "${config}")
  done
  "${topics_sh}" --bootstrap-server "${bootstrap}" --create --if-not-exists \
    --topic "${topic}" --partitions "${partitions}" --replication-factor "${replication}" ${configs[@]+"${configs[@]}"}
}

# The same topics, partitions and retention as the platform module's ContractTopics (the local and test platform).
week=retention.ms=604800000
forever=retention.ms=-1
# The two high-volume streams get ${streams} partitions (default 4): up to that many inference (and evaluation)
# consumers share them.
create fmnist.images.input "${streams}" "${week}"
# Predictions are the evaluation's source of truth (it replays them from the beginning): kept forever.
create fmnist.predictions "${streams}" "${forever}"
create fmnist.evaluations 1 "${week}"
create fmnist.rejected 1 "${week}"
# Dataset announcements and model registry events are replayed from the beginning: kept forever.
# One partition each keeps a total order (dataset announcements, model versions).
create fmnist.datasets 1 "${forever}"
# Training jobs get ${streams} partitions too: the training replicas share them (a search's fold jobs spread over them).
create fmnist.training.jobs "${streams}" "${week}"
create fmnist.training.progress 1 "${week}"
create fmnist.models 1 "${forever}"
# Challengers' predictions are replayed like fmnist.predictions; alerts are telemetry.
create fmnist.predictions.shadow "${streams}" "${forever}"
create fmnist.alerts 1 "${week}"

"${topics_sh}" --bootstrap-server "${bootstrap}" --describe --topic 'fmnist\..*' | grep -v 'Partition:' || true
echo "fmnist topics ready on ${bootstrap}"
