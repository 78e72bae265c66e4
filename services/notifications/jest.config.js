// Shared Jest settings for every workspace live in the repository's jest.preset.js.
module.exports = require('../../jest.preset.js');
