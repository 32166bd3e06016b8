// WebAssembly switched off, as Safari's Lockdown Mode and some enterprise
// policies do: the global is gone.
delete window.WebAssembly;
