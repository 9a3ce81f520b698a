import RehearseCommands

// The executable is only the entry point; the commands live in RehearseCommands.
Rehearse.runMain()
