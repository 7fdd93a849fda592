// Typst (through @myriaddreamin/typst-ts-node-compiler) compiling one
// document to one PDF, as a whole process: node typst.js IN.typ OUT.pdf FONTDIR
const path = require('path');
const fs = require('fs');
const { NodeCompiler } = require(path.join(__dirname, '.peers/node_modules/@myriaddreamin/typst-ts-node-compiler'));
const [input, output, fonts] = process.argv.slice(2);
const compiler = NodeCompiler.create({
    workspace: path.dirname(path.resolve(input)),
    fontArgs: [{ fontPaths: [fonts] }],
});
const pdf = compiler.pdf({ mainFilePath: path.resolve(input) });
fs.writeFileSync(output, pdf);
