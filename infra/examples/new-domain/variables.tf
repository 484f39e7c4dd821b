variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Pipeline name (Lambda, stream and OpenSearch domain name; prefix of everything else)."
  type        = string
  default     = "logferry-seed"
}

variable "reader_principal_arns" {
  description = "IAM role or user ARNs allowed to search the new domain (yours, to look for \"cats\")."
  type        = list(string)
  default     = []
}

variable "alarm_email_addresses" {
  description = "E-mail addresses that receive the pipeline's alarms."
  type        = list(string)
  default     = []
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
    example = "new-domain"
  }
}
