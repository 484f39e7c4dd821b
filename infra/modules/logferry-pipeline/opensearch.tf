# Optional OpenSearch domain: encrypted at rest with the pipeline key, node-to-node encrypted,
# HTTPS only with a TLS 1.2+ policy, reachable only by the Lambda role and the named readers.

locals {
  opensearch_log_types = var.create_opensearch_domain ? {
    INDEX_SLOW_LOGS     = "index-slow"
    SEARCH_SLOW_LOGS    = "search-slow"
    ES_APPLICATION_LOGS = "application"
  } : {}

  opensearch_log_group_arns = {
    for log_type, suffix in local.opensearch_log_types :
    log_type => "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/opensearch/${local.opensearch_domain_name}/${suffix}"
  }

  opensearch_subnet_ids = var.vpc_config == null ? [] : (
    # A domain without zone awareness lives in exactly one subnet.
    var.opensearch_zone_awareness_az_count == null ? slice(var.vpc_config.subnet_ids, 0, 1) :
    slice(var.vpc_config.subnet_ids, 0, min(var.opensearch_zone_awareness_az_count, length(var.vpc_config.subnet_ids)))
  )

  opensearch_access_policy = {
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid       = "PipelineLambdaWritesOnly"
          Effect    = "Allow"
          Principal = { AWS = aws_iam_role.lambda.arn }
          Action    = ["es:ESHttpPost", "es:ESHttpPut", "es:ESHttpGet"]
          Resource  = "${local.created_domain_arn}/*"
        },
      ],
      length(var.opensearch_reader_principal_arns) > 0 ? [
        {
          Sid       = "NamedReadersSearchOnly"
          Effect    = "Allow"
          Principal = { AWS = var.opensearch_reader_principal_arns }
          Action    = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost"]
          Resource  = "${local.created_domain_arn}/*"
        },
      ] : [],
    )
  }
}

resource "aws_cloudwatch_log_group" "opensearch" {
  for_each = local.opensearch_log_types

  name              = "/aws/opensearch/${local.opensearch_domain_name}/${each.value}"
  retention_in_days = var.log_group_retention_in_days
  kms_key_id        = local.kms_key_arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_resource_policy" "opensearch" {
  count = var.create_opensearch_domain ? 1 : 0

  policy_name = "${var.name}-opensearch-logs"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OpenSearchDomainWritesItsOwnLogGroupsOnly"
        Effect    = "Allow"
        Principal = { Service = local.opensearch_service_principal }
        Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource  = [for arn in values(local.opensearch_log_group_arns) : "${arn}:*"]
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
          ArnLike      = { "aws:SourceArn" = local.created_domain_arn }
        }
      },
    ]
  })
}

resource "aws_security_group" "opensearch" {
  count = var.create_opensearch_domain && var.vpc_config != null ? 1 : 0

  name        = "${var.name}-opensearch"
  description = "OpenSearch domain ${local.opensearch_domain_name}: HTTPS from the ${var.name} Lambda only"
  vpc_id      = var.vpc_config.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "opensearch_from_lambda" {
  count = var.create_opensearch_domain && var.vpc_config != null ? 1 : 0

  security_group_id            = aws_security_group.opensearch[0].id
  description                  = "HTTPS from the ${var.name} Lambda"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.lambda[0].id
  tags                         = var.tags
}

resource "aws_security_group" "lambda" {
  count = var.vpc_config != null ? 1 : 0

  name        = "${var.name}-lambda"
  description = "${var.name} Lambda: HTTPS out only"
  vpc_id      = var.vpc_config.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "lambda_https" {
  for_each = var.vpc_config != null ? toset(var.vpc_config.lambda_egress_cidr_blocks) : toset([])

  security_group_id = aws_security_group.lambda[0].id
  description       = "HTTPS to AWS APIs and the search domain"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value
  tags              = var.tags
}

resource "aws_opensearch_domain" "this" {
  count = var.create_opensearch_domain ? 1 : 0

  domain_name    = local.opensearch_domain_name
  engine_version = var.opensearch_engine_version

  cluster_config {
    instance_type          = var.opensearch_instance_type
    instance_count         = var.opensearch_instance_count
    zone_awareness_enabled = var.opensearch_zone_awareness_az_count != null

    dynamic "zone_awareness_config" {
      for_each = var.opensearch_zone_awareness_az_count != null ? [var.opensearch_zone_awareness_az_count] : []
      content {
        availability_zone_count = zone_awareness_config.value
      }
    }
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.opensearch_ebs_volume_size
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = local.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = var.opensearch_tls_security_policy
  }

  dynamic "vpc_options" {
    for_each = var.vpc_config != null ? [var.vpc_config] : []
    content {
      subnet_ids         = local.opensearch_subnet_ids
      security_group_ids = [aws_security_group.opensearch[0].id]
    }
  }

  dynamic "log_publishing_options" {
    for_each = local.opensearch_log_group_arns
    content {
      log_type                 = log_publishing_options.key
      cloudwatch_log_group_arn = aws_cloudwatch_log_group.opensearch[log_publishing_options.key].arn
      enabled                  = true
    }
  }

  tags = var.tags

  # OpenSearch checks that it may write to the log groups when the domain is created.
  depends_on = [aws_cloudwatch_log_resource_policy.opensearch]
}

resource "aws_opensearch_domain_policy" "this" {
  count = var.create_opensearch_domain ? 1 : 0

  domain_name     = aws_opensearch_domain.this[0].domain_name
  access_policies = jsonencode(local.opensearch_access_policy)
}
