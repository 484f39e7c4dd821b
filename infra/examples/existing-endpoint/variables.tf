variable "region" {
  description = "AWS region to deploy to (the region of the existing domain)."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Pipeline name (Lambda and stream name; prefix of everything else)."
  type        = string
  default     = "logferry"
}

variable "opensearch_endpoint" {
  description = "Endpoint of the existing domain, e.g. https://search-logs-abc123.eu-west-1.es.amazonaws.com."
  type        = string
}

variable "opensearch_domain_arn" {
  description = "ARN of that domain, e.g. arn:aws:es:eu-west-1:111122223333:domain/logs."
  type        = string
}

variable "log_group_names" {
  description = "Log groups to ship."
  type        = list(string)
}

variable "create_log_groups" {
  description = "Create the log groups (true) or subscribe existing ones (false)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Existing KMS key to encrypt with; null creates one. Its policy must include the statements of the kms_key_policy_json output."
  type        = string
  default     = null
}

variable "lambda_zip_path" {
  description = "Path of the built Lambda zip. null uses apps/kinesis-lambda/dist/lambda.zip of this repository."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags every resource gets through the provider's default_tags."
  type        = map(string)
  default = {
    project = "logferry"
    example = "existing-endpoint"
  }
}
