/** Sample Kazoo document ids (32 hex characters, as Kazoo's own). */
export const sampleIds = {
  device: 'a3f1c2d4e5f60718293a4b5c6d7e8f90',
  user: '5b2e9c1d7a4f48e3b6c0d9e8f7a6b5c4',
  group: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  voicemailBox: 'c4b5a6f7e8d90a1b2c3d4e5f60718293',
  conference: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  media: '7d3a9f2c6e1b48d5a0c9e8f7b6a5d4c3',
  menu: '2c8e4a6f0b1d3e5f7a9c0b2d4e6f8a1c',
  callflow: 'e1d2c3b4a5f60718293a4b5c6d7e8f9a',
  faxbox: '3b4c5d6e7f8091a2b3c4d5e6f708192a',
  temporalRule: '6a7b8c9d0e1f20314253647586970a1b',
  list: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  directory: '1a2b3c4d5e6f708192a3b4c5d6e7f809',
  queue: '4d5e6f708192a3b4c5d6e7f8091a2b3c',
  function: '8192a3b4c5d6e7f8091a2b3c4d5e6f70',
} as const;
