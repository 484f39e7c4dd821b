# ---------------------------------------------------------------------------------------------------
# Naming and tagging
# ---------------------------------------------------------------------------------------------------

variable "name" {
  description = "Name of the pipeline. Used as the Lambda function, Kinesis stream and (by default) OpenSearch domain name, and as the prefix of every other resource name."
  type        = string

  validation {
    # The OpenSearch domain name rules are the strictest of all resources named after this value.
    condition     = can(regex("^[a-z][a-z0-9-]{2,27}$", var.name))
    error_message = "name must be 3-28 characters of lowercase letters, digits and hyphens, starting with a letter (OpenSearch domain name rules); received \"${substr(var.name, 0, 64)}\"."
  }
}

variable "tags" {
  description = "Tags applied to every taggable resource the module creates."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------------
# KMS
# ---------------------------------------------------------------------------------------------------

variable "kms_key_arn" {
  description = "ARN of an existing customer-managed KMS key to use for every component. When null, the module creates a key with rotation on. A given key's policy must contain the statements of the `kms_key_policy_json` output (CloudWatch Logs and CloudWatch alarms service access)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[0-9a-zA-Z-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>; aliases are not accepted because IAM policies need the key ARN); received \"${substr(coalesce(var.kms_key_arn, "null"), 0, 128)}\"."
  }
}

variable "kms_key_deletion_window_in_days" {
  description = "Waiting period before a created KMS key is deleted after `terraform destroy`."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_key_deletion_window_in_days >= 7 && var.kms_key_deletion_window_in_days <= 30
    error_message = "kms_key_deletion_window_in_days must be between 7 and 30 (AWS limits); received ${var.kms_key_deletion_window_in_days}."
  }
}

# ---------------------------------------------------------------------------------------------------
# Log groups to ship
# ---------------------------------------------------------------------------------------------------

variable "log_group_names" {
  description = "CloudWatch Logs log groups to ship. Each gets one subscription filter into the pipeline's Kinesis stream. The Lambda's own log group (`/aws/lambda/<name>`) is rejected: subscribing it would ship the shipper's logs in a loop."
  type        = list(string)
  default     = []

  validation {
    condition     = !contains(var.log_group_names, "/aws/lambda/${var.name}")
    error_message = "log_group_names must not contain the pipeline Lambda's own log group \"/aws/lambda/${var.name}\": its logs would be shipped back through itself in an endless loop."
  }

  validation {
    condition     = alltrue([for log_group_name in var.log_group_names : can(regex("^[.\\-_/#A-Za-z0-9]{1,512}$", log_group_name))])
    error_message = "Every log_group_names entry must be 1-512 characters of letters, digits, '.', '-', '_', '/' and '#' (CloudWatch Logs rules); received ${substr(jsonencode(var.log_group_names), 0, 256)}."
  }

  validation {
    condition     = length(distinct(var.log_group_names)) == length(var.log_group_names)
    error_message = "log_group_names must not repeat a log group (each gets exactly one subscription filter); received ${substr(jsonencode(var.log_group_names), 0, 256)}."
  }
}

variable "create_log_groups" {
  description = "Create the `log_group_names` log groups (KMS-encrypted, with `log_group_retention_in_days`). Set to false to subscribe log groups that already exist."
  type        = bool
  default     = true
}

variable "log_group_retention_in_days" {
  description = "Retention of every log group the module creates (shipped log groups, the Lambda's own log group, OpenSearch log groups)."
  type        = number
  default     = 30

  validation {
    # 0 (never expire) is deliberately not offered: every log group the module creates has a bounded retention.
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_group_retention_in_days)
    error_message = "log_group_retention_in_days must be one of the CloudWatch Logs retention values 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 (never-expire is not allowed); received ${var.log_group_retention_in_days}."
  }
}

variable "subscription_filter_pattern" {
  description = "CloudWatch Logs filter pattern of every subscription filter. The empty pattern ships every event."
  type        = string
  default     = ""
}

variable "subscription_distribution" {
  description = "How CloudWatch Logs spreads events over the stream's shards: `ByLogStream` keeps each log stream's order on one shard, `Random` spreads hot log streams evenly."
  type        = string
  default     = "ByLogStream"

  validation {
    condition     = contains(["ByLogStream", "Random"], var.subscription_distribution)
    error_message = "subscription_distribution must be \"ByLogStream\" or \"Random\"; received \"${var.subscription_distribution}\"."
  }
}

# ---------------------------------------------------------------------------------------------------
# Kinesis
# ---------------------------------------------------------------------------------------------------

variable "kinesis_stream_mode" {
  description = "Kinesis capacity mode: `ON_DEMAND` (pay per GB, scales itself) or `PROVISIONED` (pay per shard-hour, `kinesis_shard_count` shards)."
  type        = string
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "PROVISIONED"], var.kinesis_stream_mode)
    error_message = "kinesis_stream_mode must be \"ON_DEMAND\" or \"PROVISIONED\"; received \"${var.kinesis_stream_mode}\"."
  }
}

variable "kinesis_shard_count" {
  description = "Number of shards when `kinesis_stream_mode` is `PROVISIONED` (ignored on demand)."
  type        = number
  default     = 1

  validation {
    condition     = var.kinesis_shard_count >= 1 && floor(var.kinesis_shard_count) == var.kinesis_shard_count
    error_message = "kinesis_shard_count must be a whole number >= 1; received ${var.kinesis_shard_count}."
  }
}

variable "kinesis_retention_period_hours" {
  description = "How long Kinesis keeps records (hours). Records the Lambda hands back are retried until `maximum_record_age_in_seconds` or this retention, whichever is shorter."
  type        = number
  default     = 24

  validation {
    condition     = var.kinesis_retention_period_hours >= 24 && var.kinesis_retention_period_hours <= 8760
    error_message = "kinesis_retention_period_hours must be between 24 and 8760 (AWS limits); received ${var.kinesis_retention_period_hours}."
  }
}

# ---------------------------------------------------------------------------------------------------
# Lambda
# ---------------------------------------------------------------------------------------------------

variable "lambda_zip_path" {
  description = "Path of the Lambda deployment zip (built by `pnpm --filter @logferry/kinesis-lambda build`). When null, the module uses `apps/kinesis-lambda/dist/lambda.zip` of the logferry repository, found relative to this module's folder."
  type        = string
  default     = null
}

variable "lambda_memory_size" {
  description = "Lambda memory in MB (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.lambda_memory_size >= 128 && var.lambda_memory_size <= 10240
    error_message = "lambda_memory_size must be between 128 and 10240 MB; received ${var.lambda_memory_size}."
  }
}

variable "lambda_timeout" {
  description = "Lambda timeout in seconds. The function keeps a 5 s safety margin for its own retry budget."
  type        = number
  default     = 120

  validation {
    condition     = var.lambda_timeout >= 10 && var.lambda_timeout <= 900
    error_message = "lambda_timeout must be between 10 and 900 seconds (at least 10 so the function's 5 s safety margin leaves time to deliver); received ${var.lambda_timeout}."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrent executions of the Lambda. null leaves the function on the account's unreserved pool."
  type        = number
  default     = null

  validation {
    condition     = var.lambda_reserved_concurrency == null || try(var.lambda_reserved_concurrency >= 1, false)
    error_message = "lambda_reserved_concurrency must be null or >= 1 (0 would stop the pipeline); received ${coalesce(var.lambda_reserved_concurrency, -1)}."
  }
}

variable "lambda_index_template" {
  description = "Value of LOGFERRY_INDEX_TEMPLATE: the index name template. null keeps the Lambda's default (`cwl-{yyyy.MM.dd}`)."
  type        = string
  default     = null
}

variable "lambda_data_stream" {
  description = "Value of LOGFERRY_DATA_STREAM: write to this data stream instead of the index template. null disables."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_data_stream == null || var.lambda_index_template == null
    error_message = "Set lambda_index_template or lambda_data_stream, not both: the Lambda writes either to dated indices or to one data stream."
  }
}

variable "lambda_json_mode" {
  description = "Value of LOGFERRY_JSON_MODE: where fields of JSON log messages go (`namespace`, `root` or `off`)."
  type        = string
  default     = "namespace"

  validation {
    condition     = contains(["namespace", "root", "off"], var.lambda_json_mode)
    error_message = "lambda_json_mode must be \"namespace\", \"root\" or \"off\"; received \"${var.lambda_json_mode}\"."
  }
}

variable "lambda_document_ids" {
  description = "Value of LOGFERRY_DOCUMENT_IDS: `event-id` uses the CloudWatch event id as the document _id (re-deliveries never duplicate); `none` sends no _id, as OpenSearch Serverless time-series collections require (delivery is then at least once)."
  type        = string
  default     = "event-id"

  validation {
    condition     = contains(["event-id", "none"], var.lambda_document_ids)
    error_message = "lambda_document_ids must be \"event-id\" or \"none\"; received \"${var.lambda_document_ids}\"."
  }
}

variable "lambda_elasticsearch_compression" {
  description = "Value of LOGFERRY_ELASTICSEARCH_COMPRESSION: `auto` gzips each bulk request while the Lambda measures that compressing saves more request time than it costs (over any real link, in practice always); `gzip` (level 1) always sends 5-8x fewer bytes for some Lambda CPU time; `none` always sends plain NDJSON."
  type        = string
  default     = "auto"

  validation {
    condition     = contains(["auto", "gzip", "none"], var.lambda_elasticsearch_compression)
    error_message = "lambda_elasticsearch_compression must be \"auto\", \"gzip\" or \"none\"; received \"${var.lambda_elasticsearch_compression}\"."
  }
}

variable "lambda_bulk_max_bytes" {
  description = "Value of LOGFERRY_BULK_MAX_BYTES: the bulk request byte limit. null keeps the library default (5 MiB)."
  type        = number
  default     = null

  validation {
    condition     = var.lambda_bulk_max_bytes == null || try(var.lambda_bulk_max_bytes >= 1024 && var.lambda_bulk_max_bytes <= 104857600, false)
    error_message = "lambda_bulk_max_bytes must be null or between 1024 and 104857600 (100 MiB, the largest OpenSearch HTTP request); received ${coalesce(var.lambda_bulk_max_bytes, -1)}."
  }
}

variable "lambda_retry_budget_ms" {
  description = "Value of LOGFERRY_RETRY_BUDGET_MS: time the Lambda may spend retrying inside one invocation. null keeps the default (remaining time minus 5 s)."
  type        = number
  default     = null

  validation {
    condition     = var.lambda_retry_budget_ms == null || try(var.lambda_retry_budget_ms >= 1 && var.lambda_retry_budget_ms <= var.lambda_timeout * 1000, false)
    error_message = "lambda_retry_budget_ms must be null or between 1 and the Lambda timeout (lambda_timeout * 1000 = ${var.lambda_timeout * 1000} ms): a longer budget can never be used; received ${coalesce(var.lambda_retry_budget_ms, -1)}."
  }
}

variable "lambda_extra_environment" {
  description = "Extra Lambda environment variables: the credentials of `opensearch_auth` (LOGFERRY_ELASTICSEARCH_USERNAME / _PASSWORD or _API_KEY), LOGFERRY_SIGV4_REGION, LOGFERRY_S3_ENDPOINT, the HTTP sink's LOGFERRY_HTTP_URL / LOGFERRY_HTTP_PRESET, or non-logferry variables. Encrypted at rest with the KMS key; marked sensitive because such values often carry tokens."
  type        = map(string)
  default     = {}
  sensitive   = true

  validation {
    # The Lambda rejects unknown LOGFERRY_ variables at cold start; the module manages the rest.
    condition = alltrue([
      for key in keys(var.lambda_extra_environment) : !startswith(key, "LOGFERRY_") || contains([
        "LOGFERRY_ELASTICSEARCH_USERNAME", "LOGFERRY_ELASTICSEARCH_PASSWORD", "LOGFERRY_ELASTICSEARCH_API_KEY",
        "LOGFERRY_SIGV4_REGION", "LOGFERRY_S3_ENDPOINT", "LOGFERRY_HTTP_URL", "LOGFERRY_HTTP_PRESET",
      ], key)
    ])
    # Only the key names are echoed: the values may be secrets.
    error_message = "lambda_extra_environment may only set LOGFERRY_ELASTICSEARCH_USERNAME, _PASSWORD, _API_KEY, LOGFERRY_SIGV4_REGION, LOGFERRY_S3_ENDPOINT, LOGFERRY_HTTP_URL and LOGFERRY_HTTP_PRESET among the LOGFERRY_ variables (the module sets the others from its inputs, and the Lambda rejects unknown ones); received keys ${nonsensitive(jsonencode(keys(var.lambda_extra_environment)))}."
  }

  validation {
    condition = (
      var.opensearch_auth == "basic" ? length(setintersection(nonsensitive(keys(var.lambda_extra_environment)), ["LOGFERRY_ELASTICSEARCH_USERNAME", "LOGFERRY_ELASTICSEARCH_PASSWORD"])) == 2 && !contains(nonsensitive(keys(var.lambda_extra_environment)), "LOGFERRY_ELASTICSEARCH_API_KEY") :
      var.opensearch_auth == "api-key" ? contains(nonsensitive(keys(var.lambda_extra_environment)), "LOGFERRY_ELASTICSEARCH_API_KEY") && length(setintersection(nonsensitive(keys(var.lambda_extra_environment)), ["LOGFERRY_ELASTICSEARCH_USERNAME", "LOGFERRY_ELASTICSEARCH_PASSWORD"])) == 0 :
      length(setintersection(nonsensitive(keys(var.lambda_extra_environment)), ["LOGFERRY_ELASTICSEARCH_USERNAME", "LOGFERRY_ELASTICSEARCH_PASSWORD", "LOGFERRY_ELASTICSEARCH_API_KEY"])) == 0
    )
    error_message = "The search credentials in lambda_extra_environment must match opensearch_auth = \"${var.opensearch_auth}\": basic needs LOGFERRY_ELASTICSEARCH_USERNAME and _PASSWORD, api-key needs LOGFERRY_ELASTICSEARCH_API_KEY, aws-sigv4 and none take no credentials; received keys ${nonsensitive(jsonencode(keys(var.lambda_extra_environment)))}."
  }

  validation {
    condition = var.create_opensearch_domain || var.opensearch_endpoint != null || length(setintersection(nonsensitive(keys(var.lambda_extra_environment)), [
      "LOGFERRY_ELASTICSEARCH_USERNAME", "LOGFERRY_ELASTICSEARCH_PASSWORD", "LOGFERRY_ELASTICSEARCH_API_KEY", "LOGFERRY_SIGV4_REGION",
    ])) == 0
    error_message = "lambda_extra_environment sets search settings but the pipeline has no search destination (create_opensearch_domain or opensearch_endpoint); the Lambda rejects them without one; received keys ${nonsensitive(jsonencode(keys(var.lambda_extra_environment)))}."
  }
}

# ---------------------------------------------------------------------------------------------------
# Event source mapping (Kinesis -> Lambda)
# ---------------------------------------------------------------------------------------------------

variable "batch_size" {
  description = "Maximum number of Kinesis records per Lambda invocation."
  type        = number
  default     = 100

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000 (Kinesis event source limits); received ${var.batch_size}."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "How long the event source mapping gathers records before invoking the Lambda."
  type        = number
  default     = 5

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300
    error_message = "maximum_batching_window_in_seconds must be between 0 and 300; received ${var.maximum_batching_window_in_seconds}."
  }
}

variable "parallelization_factor" {
  description = "Concurrent batches per shard (ordering is kept per partition key)."
  type        = number
  default     = 1

  validation {
    condition     = var.parallelization_factor >= 1 && var.parallelization_factor <= 10
    error_message = "parallelization_factor must be between 1 and 10; received ${var.parallelization_factor}."
  }
}

variable "maximum_retry_attempts" {
  description = "How often a failing batch is retried (after bisecting) before its records go to the on-failure queue. Bounded: -1 (retry forever) would block the shard until the records expire."
  type        = number
  default     = 10

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 10000
    error_message = "maximum_retry_attempts must be between 0 and 10000; -1 (infinite retries) is rejected because one poison batch would block its shard; received ${var.maximum_retry_attempts}."
  }
}

variable "maximum_record_age_in_seconds" {
  description = "Records older than this are sent to the on-failure queue instead of being retried. Bounded: -1 (no limit) would let a failing shard fall behind until Kinesis drops the records silently."
  type        = number
  default     = 21600

  validation {
    condition     = var.maximum_record_age_in_seconds >= 60 && var.maximum_record_age_in_seconds <= 604800
    error_message = "maximum_record_age_in_seconds must be between 60 and 604800; -1 (no limit) is rejected because records would expire from the stream unseen instead of reaching the on-failure queue; received ${var.maximum_record_age_in_seconds}."
  }

  validation {
    condition     = var.maximum_record_age_in_seconds <= var.kinesis_retention_period_hours * 3600
    error_message = "maximum_record_age_in_seconds (${var.maximum_record_age_in_seconds}) must not exceed the stream retention (kinesis_retention_period_hours * 3600 = ${var.kinesis_retention_period_hours * 3600}): records would expire before they can be sent to the on-failure queue."
  }
}

variable "starting_position" {
  description = "Where the event source mapping starts reading a new stream: `LATEST` or `TRIM_HORIZON`."
  type        = string
  default     = "TRIM_HORIZON"

  validation {
    condition     = contains(["LATEST", "TRIM_HORIZON"], var.starting_position)
    error_message = "starting_position must be \"LATEST\" or \"TRIM_HORIZON\"; received \"${var.starting_position}\"."
  }
}

variable "on_failure_queue_retention_seconds" {
  description = "How long the on-failure SQS queue keeps the descriptions of batches that exhausted their retries."
  type        = number
  default     = 1209600

  validation {
    condition     = var.on_failure_queue_retention_seconds >= 60 && var.on_failure_queue_retention_seconds <= 1209600
    error_message = "on_failure_queue_retention_seconds must be between 60 and 1209600 (14 days); received ${var.on_failure_queue_retention_seconds}."
  }
}

# ---------------------------------------------------------------------------------------------------
# S3 archive and dead letters
# ---------------------------------------------------------------------------------------------------

variable "archive_enabled" {
  description = "Archive every shipped event to S3 under `archive_prefix` (sets LOGFERRY_ARCHIVE_BUCKET). Dead letters are always stored, under `dead_letter_prefix` of the same bucket: the Lambda refuses to start without a dead-letter store."
  type        = bool
  default     = true
}

variable "create_s3_bucket" {
  description = "Create the archive / dead-letter bucket. Set to false to bring your own (`s3_bucket_name`); the module then only grants the Lambda s3:PutObject on the archive and dead-letter prefixes."
  type        = bool
  default     = true
}

variable "s3_bucket_name" {
  description = "Name of the archive / dead-letter bucket. When the module creates the bucket and this is null, the name is `<name>-<account id>-<region>`. Required when `create_s3_bucket` is false."
  type        = string
  default     = null

  validation {
    condition     = var.s3_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_name))
    error_message = "s3_bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, '.' and '-'); received \"${substr(coalesce(var.s3_bucket_name, "null"), 0, 80)}\"."
  }

  validation {
    condition     = var.create_s3_bucket || var.s3_bucket_name != null
    error_message = "s3_bucket_name is required when create_s3_bucket is false: the Lambda needs a bucket for its dead letters (and the archive)."
  }
}

variable "s3_force_destroy" {
  description = "Allow `terraform destroy` to delete a created bucket that still holds objects (archives and dead letters are lost)."
  type        = bool
  default     = false
}

variable "archive_prefix" {
  description = "S3 key prefix of the archive (LOGFERRY_ARCHIVE_PREFIX), without slashes at either end."
  type        = string
  default     = "archive"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", var.archive_prefix))
    error_message = "archive_prefix must be non-empty S3 key segments separated by '/' without a leading or trailing '/'; received \"${substr(var.archive_prefix, 0, 128)}\"."
  }
}

variable "dead_letter_prefix" {
  description = "S3 key prefix of dead letters (LOGFERRY_DEAD_LETTER_PREFIX), without slashes at either end. Must not overlap the archive prefix, so the two lifecycle rules stay apart."
  type        = string
  default     = "dead-letter"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", var.dead_letter_prefix))
    error_message = "dead_letter_prefix must be non-empty S3 key segments separated by '/' without a leading or trailing '/'; received \"${substr(var.dead_letter_prefix, 0, 128)}\"."
  }

  validation {
    condition     = !startswith("${var.dead_letter_prefix}/", "${var.archive_prefix}/") && !startswith("${var.archive_prefix}/", "${var.dead_letter_prefix}/")
    error_message = "dead_letter_prefix (\"${var.dead_letter_prefix}\") and archive_prefix (\"${var.archive_prefix}\") must not contain each other: their lifecycle rules (archive transitions, dead-letter expiry) would overlap."
  }
}

variable "archive_transition_to_ia_days" {
  description = "Days after which archived objects move to S3 Standard-IA. null disables the transition."
  type        = number
  default     = 30

  validation {
    condition     = var.archive_transition_to_ia_days == null || try(var.archive_transition_to_ia_days >= 30, false)
    error_message = "archive_transition_to_ia_days must be null or >= 30 (S3 does not transition to Standard-IA earlier); received ${coalesce(var.archive_transition_to_ia_days, -1)}."
  }
}

variable "archive_transition_to_glacier_days" {
  description = "Days after which archived objects move to S3 Glacier Flexible Retrieval. null disables the transition."
  type        = number
  default     = 90

  validation {
    condition     = var.archive_transition_to_glacier_days == null || try(var.archive_transition_to_glacier_days >= 1, false)
    error_message = "archive_transition_to_glacier_days must be null or >= 1; received ${coalesce(var.archive_transition_to_glacier_days, -1)}."
  }

  validation {
    condition     = var.archive_transition_to_glacier_days == null || var.archive_transition_to_ia_days == null || try(var.archive_transition_to_glacier_days >= var.archive_transition_to_ia_days + 30, false)
    error_message = "archive_transition_to_glacier_days must be at least 30 days after archive_transition_to_ia_days (S3 minimum Standard-IA storage duration); received ${coalesce(var.archive_transition_to_glacier_days, -1)} and ${coalesce(var.archive_transition_to_ia_days, -1)}."
  }
}

variable "archive_expiration_days" {
  description = "Days after which archived objects are deleted. null keeps them forever."
  type        = number
  default     = 365

  validation {
    condition = var.archive_expiration_days == null || try(
      var.archive_expiration_days > max(0, coalesce(var.archive_transition_to_ia_days, 0), coalesce(var.archive_transition_to_glacier_days, 0)),
      false,
    )
    error_message = "archive_expiration_days must be null or later than every archive transition (Standard-IA after ${coalesce(var.archive_transition_to_ia_days, "no")} days, Glacier after ${coalesce(var.archive_transition_to_glacier_days, "no")} days); received ${coalesce(var.archive_expiration_days, -1)}."
  }
}

variable "dead_letter_expiration_days" {
  description = "Days after which dead letters are deleted (replay them before that)."
  type        = number
  default     = 90

  validation {
    condition     = var.dead_letter_expiration_days >= 1
    error_message = "dead_letter_expiration_days must be >= 1; received ${var.dead_letter_expiration_days}."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which overwritten or deleted object versions are removed (the bucket is versioned)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be >= 1; received ${var.noncurrent_version_expiration_days}."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which incomplete multipart uploads are aborted (their parts are billed until then)."
  type        = number
  default     = 7

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1
    error_message = "abort_incomplete_multipart_upload_days must be >= 1; received ${var.abort_incomplete_multipart_upload_days}."
  }
}

# ---------------------------------------------------------------------------------------------------
# OpenSearch
# ---------------------------------------------------------------------------------------------------

variable "create_opensearch_domain" {
  description = "Create an OpenSearch domain (encrypted at rest with the KMS key, node-to-node encryption, HTTPS only) and ship to it. Mutually exclusive with `opensearch_endpoint`."
  type        = bool
  default     = false
}

variable "opensearch_endpoint" {
  description = "Endpoint of an existing OpenSearch domain or serverless collection (or, with `opensearch_auth` basic / api-key, any Elasticsearch endpoint) to ship to: `https://host` or just the host. With aws-sigv4, requires `opensearch_domain_arn` or `opensearch_serverless_collection_arn` so IAM can be scoped."
  type        = string
  default     = null

  validation {
    condition     = var.opensearch_endpoint == null || can(regex("^(https://)?[A-Za-z0-9.-]+(:[0-9]+)?/?$", var.opensearch_endpoint))
    error_message = "opensearch_endpoint must be an https:// URL or a bare host name (plain http:// is rejected: credentials and logs would travel unencrypted); received \"${substr(coalesce(var.opensearch_endpoint, "null"), 0, 128)}\"."
  }

  validation {
    condition     = !(var.create_opensearch_domain && var.opensearch_endpoint != null)
    error_message = "Set either create_opensearch_domain = true or opensearch_endpoint, not both."
  }

  validation {
    condition     = var.opensearch_endpoint == null || var.opensearch_auth != "aws-sigv4" || var.opensearch_domain_arn != null || var.opensearch_serverless_collection_arn != null
    error_message = "opensearch_endpoint with aws-sigv4 auth needs opensearch_domain_arn (managed domain) or opensearch_serverless_collection_arn (serverless) so the Lambda role is granted access to that resource only."
  }

  validation {
    condition     = var.opensearch_endpoint != null || (var.opensearch_domain_arn == null && var.opensearch_serverless_collection_arn == null)
    error_message = "opensearch_domain_arn and opensearch_serverless_collection_arn describe the resource behind opensearch_endpoint, which is not set (a domain created by this module needs neither); set the endpoint or remove the ARN."
  }
}

variable "opensearch_auth" {
  description = "How the Lambda authenticates to the search endpoint (LOGFERRY_ELASTICSEARCH_AUTH): `aws-sigv4` (IAM; required for a created domain), `basic` or `api-key` (credentials through `lambda_extra_environment`, e.g. for Elastic Cloud), or `none`."
  type        = string
  default     = "aws-sigv4"

  validation {
    condition     = contains(["aws-sigv4", "basic", "api-key", "none"], var.opensearch_auth)
    error_message = "opensearch_auth must be \"aws-sigv4\", \"basic\", \"api-key\" or \"none\"; received \"${var.opensearch_auth}\"."
  }

  validation {
    condition     = !var.create_opensearch_domain || var.opensearch_auth == "aws-sigv4"
    error_message = "A domain created by this module only accepts IAM-signed requests: opensearch_auth must be \"aws-sigv4\" with create_opensearch_domain = true; received \"${var.opensearch_auth}\"."
  }
}

variable "opensearch_domain_arn" {
  description = "ARN of the existing OpenSearch domain behind `opensearch_endpoint` (scopes the Lambda's es:ESHttp* permissions)."
  type        = string
  default     = null

  validation {
    condition     = var.opensearch_domain_arn == null || can(regex("^arn:aws[a-z-]*:es:[a-z0-9-]+:[0-9]{12}:domain/[a-z][a-z0-9-]{2,27}$", var.opensearch_domain_arn))
    error_message = "opensearch_domain_arn must be an OpenSearch domain ARN (arn:<partition>:es:<region>:<account>:domain/<name>, without a trailing /*); received \"${substr(coalesce(var.opensearch_domain_arn, "null"), 0, 128)}\"."
  }
}

variable "opensearch_serverless_collection_arn" {
  description = "ARN of an OpenSearch Serverless collection behind `opensearch_endpoint`. Grants the Lambda aoss:APIAccessAll on that collection only (serverless has no finer IAM actions; narrow access with a data access policy) and sets LOGFERRY_SIGV4_SERVICE=aoss."
  type        = string
  default     = null

  validation {
    condition     = var.opensearch_serverless_collection_arn == null || can(regex("^arn:aws[a-z-]*:aoss:[a-z0-9-]+:[0-9]{12}:collection/[a-z0-9]+$", var.opensearch_serverless_collection_arn))
    error_message = "opensearch_serverless_collection_arn must be a collection ARN (arn:<partition>:aoss:<region>:<account>:collection/<id>); received \"${substr(coalesce(var.opensearch_serverless_collection_arn, "null"), 0, 128)}\"."
  }

  validation {
    condition     = var.opensearch_serverless_collection_arn == null || var.opensearch_domain_arn == null
    error_message = "Set opensearch_serverless_collection_arn or opensearch_domain_arn, not both: the endpoint is either a managed domain or a serverless collection."
  }
}

variable "opensearch_domain_name" {
  description = "Name of the created OpenSearch domain. null uses `name`."
  type        = string
  default     = null

  validation {
    condition     = var.opensearch_domain_name == null || can(regex("^[a-z][a-z0-9-]{2,27}$", var.opensearch_domain_name))
    error_message = "opensearch_domain_name must be 3-28 lowercase letters, digits and hyphens, starting with a letter; received \"${substr(coalesce(var.opensearch_domain_name, "null"), 0, 64)}\"."
  }
}

variable "opensearch_engine_version" {
  description = "Engine version of the created domain."
  type        = string
  default     = "OpenSearch_2.19"

  validation {
    condition     = can(regex("^(OpenSearch|Elasticsearch)_[0-9]+\\.[0-9]+$", var.opensearch_engine_version))
    error_message = "opensearch_engine_version must look like \"OpenSearch_2.19\"; received \"${var.opensearch_engine_version}\"."
  }
}

variable "opensearch_instance_type" {
  description = "Data node instance type of the created domain (must support encryption at rest: not t2.*)."
  type        = string
  default     = "t3.small.search"

  validation {
    condition     = can(regex("\\.search$", var.opensearch_instance_type)) && !startswith(var.opensearch_instance_type, "t2.")
    error_message = "opensearch_instance_type must be an OpenSearch instance type ending in .search and not t2.* (t2 does not support encryption at rest); received \"${var.opensearch_instance_type}\"."
  }
}

variable "opensearch_instance_count" {
  description = "Number of data nodes of the created domain."
  type        = number
  default     = 1

  validation {
    condition     = var.opensearch_instance_count >= 1
    error_message = "opensearch_instance_count must be >= 1; received ${var.opensearch_instance_count}."
  }
}

variable "opensearch_zone_awareness_az_count" {
  description = "Spread data nodes over this many availability zones (2 or 3). null disables zone awareness."
  type        = number
  default     = null

  validation {
    condition     = var.opensearch_zone_awareness_az_count == null || try(contains([2, 3], var.opensearch_zone_awareness_az_count), false)
    error_message = "opensearch_zone_awareness_az_count must be null, 2 or 3; received ${coalesce(var.opensearch_zone_awareness_az_count, -1)}."
  }

  validation {
    condition     = var.opensearch_zone_awareness_az_count == null || try(var.opensearch_instance_count % var.opensearch_zone_awareness_az_count == 0, false)
    error_message = "opensearch_instance_count (${var.opensearch_instance_count}) must be a multiple of opensearch_zone_awareness_az_count (${coalesce(var.opensearch_zone_awareness_az_count, -1)}) so every zone holds the same number of nodes."
  }
}

variable "opensearch_ebs_volume_size" {
  description = "EBS volume size per data node in GiB (gp3)."
  type        = number
  default     = 10

  validation {
    condition     = var.opensearch_ebs_volume_size >= 10
    error_message = "opensearch_ebs_volume_size must be >= 10 GiB; received ${var.opensearch_ebs_volume_size}."
  }
}

variable "opensearch_tls_security_policy" {
  description = "TLS policy of the created domain's HTTPS endpoint. Only TLS 1.2+ policies are accepted."
  type        = string
  default     = "Policy-Min-TLS-1-2-PFS-2023-10"

  validation {
    condition     = contains(["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"], var.opensearch_tls_security_policy)
    error_message = "opensearch_tls_security_policy must be \"Policy-Min-TLS-1-2-2019-07\" or \"Policy-Min-TLS-1-2-PFS-2023-10\" (TLS 1.0 is rejected); received \"${var.opensearch_tls_security_policy}\"."
  }
}

variable "opensearch_reader_principal_arns" {
  description = "IAM principal ARNs (roles or users of this or another account) allowed to search the created domain: es:ESHttpGet, es:ESHttpHead and es:ESHttpPost (POST is needed for _search). The Lambda role is always allowed to write."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for principal_arn in var.opensearch_reader_principal_arns : can(regex("^arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+$", principal_arn))])
    error_message = "Every opensearch_reader_principal_arns entry must be an IAM principal ARN (arn:<partition>:iam::<account>:role/... or user/...); \"*\" and account-wide wildcards are rejected; received ${substr(jsonencode(var.opensearch_reader_principal_arns), 0, 256)}."
  }
}

variable "vpc_config" {
  description = "Place the created OpenSearch domain and the Lambda in a VPC. The module creates a security group for each: the domain accepts HTTPS only from the Lambda's group. The subnets need a route to S3 (gateway endpoint or NAT) for the archive. null keeps both public (the domain is still reachable only with signed requests from allowed principals)."
  type = object({
    vpc_id     = string
    subnet_ids = list(string)
    # CIDR blocks the Lambda may reach on port 443 (AWS APIs through NAT or endpoints).
    lambda_egress_cidr_blocks = optional(list(string), ["0.0.0.0/0"])
  })
  default = null

  validation {
    condition     = var.vpc_config == null || try(length(var.vpc_config.subnet_ids) >= 1, false)
    error_message = "vpc_config.subnet_ids must list at least one subnet."
  }
}

# ---------------------------------------------------------------------------------------------------
# Alarms
# ---------------------------------------------------------------------------------------------------

variable "alarms_enabled" {
  description = "Create the CloudWatch alarms and their KMS-encrypted SNS topic."
  type        = bool
  default     = true
}

variable "alarm_email_addresses" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for address in var.alarm_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", address))])
    error_message = "Every alarm_email_addresses entry must be an e-mail address; received ${substr(jsonencode(var.alarm_email_addresses), 0, 256)}."
  }
}

variable "alarm_iterator_age_threshold_ms" {
  description = "Alarm when the Kinesis stream's GetRecords.IteratorAgeMilliseconds maximum stays above this (the pipeline is falling behind)."
  type        = number
  default     = 600000

  validation {
    condition     = var.alarm_iterator_age_threshold_ms >= 1000
    error_message = "alarm_iterator_age_threshold_ms must be >= 1000; received ${var.alarm_iterator_age_threshold_ms}."
  }
}

variable "alarm_lambda_errors_threshold" {
  description = "Alarm when the Lambda's Errors sum over 5 minutes exceeds this."
  type        = number
  default     = 0
}

variable "alarm_handed_back_threshold" {
  description = "Alarm when Logferry/HandedBack (records handed back to Kinesis for retry) sum over 5 minutes exceeds this for 3 periods in a row."
  type        = number
  default     = 0
}
