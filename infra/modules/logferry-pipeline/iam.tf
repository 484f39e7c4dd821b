# The Lambda execution role: every statement names its actions and the one resource they apply to.

locals {
  lambda_log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.lambda_log_group_name}"

  lambda_policy_statements = concat(
    [
      {
        Sid      = "WriteOwnLogGroupOnly"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${local.lambda_log_group_arn}:*"
      },
      {
        # What the event source mapping needs to read the stream (it polls as this role).
        # ListStreams is left out: the mapping addresses the stream by ARN.
        Sid    = "ReadThePipelineStreamOnly"
        Effect = "Allow"
        Action = [
          "kinesis:DescribeStream",
          "kinesis:DescribeStreamSummary",
          "kinesis:GetRecords",
          "kinesis:GetShardIterator",
          "kinesis:ListShards",
          "kinesis:SubscribeToShard",
        ]
        Resource = aws_kinesis_stream.this.arn
      },
      {
        # Decrypt: stream records, environment, queue messages. GenerateDataKey: SSE-KMS objects
        # in S3 and messages sent to the on-failure queue.
        Sid      = "UseThePipelineKeyOnly"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = local.kms_key_arn
      },
      {
        Sid      = "SendFailedBatchesToTheOnFailureQueueOnly"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = aws_sqs_queue.on_failure.arn
      },
    ],
    [
      {
        Sid    = "PutArchiveAndDeadLetterObjectsOnly"
        Effect = "Allow"
        Action = ["s3:PutObject"]
        Resource = concat(
          var.archive_enabled ? ["${local.s3_bucket_arn}/${var.archive_prefix}/*"] : [],
          ["${local.s3_bucket_arn}/${var.dead_letter_prefix}/*"],
        )
      },
    ],
    local.opensearch_domain_arn != null && var.opensearch_auth == "aws-sigv4" ? [
      {
        # POST: _bulk. PUT: index templates. GET: the health check. Nothing outside the domain.
        Sid      = "WriteToTheSearchDomainOnly"
        Effect   = "Allow"
        Action   = ["es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"]
        Resource = "${local.opensearch_domain_arn}/*"
      },
    ] : [],
    var.opensearch_serverless_collection_arn != null && var.opensearch_auth == "aws-sigv4" ? [
      {
        # OpenSearch Serverless has no per-method IAM actions; its data access policy narrows access.
        Sid      = "UseTheServerlessCollectionOnly"
        Effect   = "Allow"
        Action   = ["aoss:APIAccessAll"]
        Resource = var.opensearch_serverless_collection_arn
      },
    ] : [],
    var.vpc_config != null ? [
      {
        # Lambda manages the function's network interfaces as this role; the EC2 API does not
        # accept narrower resources for these actions (the interfaces do not exist yet).
        Sid    = "ManageVpcNetworkInterfaces"
        Effect = "Allow"
        Action = [
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
        ]
        Resource = "*"
      },
    ] : [],
  )
}

resource "aws_iam_role" "lambda" {
  name        = "${var.name}-lambda"
  description = "Execution role of the ${var.name} logferry Lambda."
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "LambdaOfThisAccountOnly"
        Effect    = "Allow"
        Principal = { Service = local.lambda_service_principal }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
    ]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "lambda" {
  name   = "${var.name}-least-privilege"
  role   = aws_iam_role.lambda.id
  policy = jsonencode({ Version = "2012-10-17", Statement = local.lambda_policy_statements })
}
