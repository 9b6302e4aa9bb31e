from civicli.cli.entry import main

main()
