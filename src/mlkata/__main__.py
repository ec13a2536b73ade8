from mlkata.cli.main import run

run()
