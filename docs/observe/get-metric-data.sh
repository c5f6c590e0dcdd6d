#!/bin/sh
# Fetches what `kplan observe` reads: 1-minute CloudWatch metrics of a Kinesis data stream (and of a
# Firehose delivery stream reading it) over a window inside the last 15 days, where CloudWatch still
# keeps 1-minute data points. Needs the AWS CLI v2 and cloudwatch:GetMetricData.
#
#   sh docs/observe/get-metric-data.sh orders orders-to-s3 2026-11-16T00:00:00Z 2026-11-30T00:00:00Z > metrics.json
#   kplan observe metrics.json --output orders.yaml
#
# Without a delivery stream, pass - as its name: its series come back empty and are ignored.
set -eu
if [ "$#" -ne 4 ]; then
  echo "usage: $0 <stream-name> <delivery-stream-name|-> <start-time> <end-time>" >&2
  exit 2
fi
here=$(dirname "$0")
queries=$(mktemp)
trap 'rm -f "$queries"' EXIT
sed -e "s/MY_DELIVERY_STREAM/$2/g" -e "s/MY_STREAM/$1/g" "$here/metric-data-queries.json" > "$queries"
aws cloudwatch get-metric-data \
  --metric-data-queries "file://$queries" \
  --start-time "$3" --end-time "$4" \
  --output json
