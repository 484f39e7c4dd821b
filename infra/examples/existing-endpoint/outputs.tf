output "lambda_role_arn" {
  description = "Add this role to the domain's access policy (es:ESHttpPost, es:ESHttpPut, es:ESHttpGet on <domain ARN>/*), or map it to a backend role when the domain uses fine-grained access control."
  value       = module.logferry.lambda_role_arn
}

output "opensearch_url" {
  description = "The endpoint the Lambda ships to."
  value       = module.logferry.opensearch_url
}

output "archive_s3_uri" {
  description = "Where every shipped event is archived."
  value       = module.logferry.archive_s3_uri
}

output "kms_key_policy_json" {
  description = "Key policy statements a brought key must contain."
  value       = module.logferry.kms_key_policy_json
}

output "on_failure_queue_url" {
  description = "Queue of batches that exhausted their retries."
  value       = module.logferry.on_failure_queue_url
}
