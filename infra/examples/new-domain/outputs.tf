output "opensearch_url" {
  description = "HTTPS endpoint of the new domain (sign requests with SigV4, service es)."
  value       = module.logferry.opensearch_url
}

output "opensearch_dashboards_url" {
  description = "OpenSearch Dashboards of the new domain."
  value       = module.logferry.opensearch_dashboards_url
}

output "archive_s3_uri" {
  description = "Where every shipped event is archived."
  value       = module.logferry.archive_s3_uri
}

output "lambda_function_name" {
  description = "The shipper Lambda."
  value       = module.logferry.lambda_function_name
}

output "on_failure_queue_url" {
  description = "Queue of batches that exhausted their retries."
  value       = module.logferry.on_failure_queue_url
}
