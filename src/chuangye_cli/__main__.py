from chuangye_cli.cli import main

main()
