// Actors, places, times, events, quotes and counts: the stages that read the parse and
// code what happened. They land with the issues that build them.
