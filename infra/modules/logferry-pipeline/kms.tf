locals {
  # Statements a key needs beyond IAM delegation. They are part of the created key's policy and are
  # published through the kms_key_policy_json output for operators who bring their own key.
  kms_service_statements = [
    {
      # CloudWatch Logs encrypts log groups with the key itself (no role involved), so it is named
      # in the key policy, and only for log groups of this account and region.
      Sid       = "AllowCloudWatchLogsForThisAccountsLogGroups"
      Effect    = "Allow"
      Principal = { Service = local.logs_regional_principal }
      Action = [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:DescribeKey",
      ]
      Resource = "*"
      Condition = {
        ArnLike = {
          "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"
        }
      }
    },
    {
      # CloudWatch alarms publish to the encrypted topic as the CloudWatch service; scoped to this
      # pipeline's alarms so other alarms cannot use the key (confused deputy).
      Sid       = "AllowCloudWatchAlarmsToPublishToTheEncryptedTopic"
      Effect    = "Allow"
      Principal = { Service = local.cloudwatch_service_principal }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
      Resource  = "*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = local.alarm_arn_pattern }
      }
    },
  ]

  kms_key_policy = {
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          # IAM delegation: without this statement the key could become unmanageable. It grants
          # nothing by itself; the pipeline's roles get kms:Decrypt / kms:GenerateDataKey on this
          # key only, through their IAM policies.
          Sid       = "DelegateKeyAccessToIamPoliciesOfThisAccount"
          Effect    = "Allow"
          Principal = { AWS = local.account_root_arn }
          Action    = "kms:*"
          Resource  = "*"
        },
      ],
      local.kms_service_statements,
    )
  }
}

resource "aws_kms_key" "this" {
  count = var.kms_key_arn == null ? 1 : 0

  description             = "logferry pipeline ${var.name}: Kinesis, SQS, SNS, S3, CloudWatch Logs, OpenSearch and Lambda environment encryption"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_key_deletion_window_in_days
  policy                  = jsonencode(local.kms_key_policy)
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  count = var.kms_key_arn == null ? 1 : 0

  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this[0].key_id
}
