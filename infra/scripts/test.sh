#!/usr/bin/env bash
echo "infra tests: not written yet"
