terraform {
  # 1.9 is the first release whose variable validations may refer to other variables, which the
  # log-loop guard (log_group_names vs. the function's own log group) relies on.
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}
