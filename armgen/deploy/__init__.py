"""Deploying rendered units: plan (DAG), what-if, deploy, destroy, through the Azure SDK."""
