from civicli.cli.app import main

main()
