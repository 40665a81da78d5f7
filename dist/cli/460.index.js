export const id = 460;
export const ids = [460];
export const modules = {

/***/ 4460:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   positionedTree: () => (/* binding */ positionedTree)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);

/**
 * The positioned reader (`yaml` with a LineCounter), in a module of its own: it is loaded
 * only when a graph has a problem, which spares every valid run the library's start-up.
 */
const UNKNOWN_POSITION = { line: 1, column: 1 };
/** `yaml`'s tree, with every node's line and column. */
function positionedTree(text) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, {
        lineCounter: lines,
        schema: 'failsafe',
        // Duplicate ids and keys are reported by the validator, with both positions.
        uniqueKeys: false
    });
    if (doc.errors.length > 0) {
        const errors = doc.errors.map(error => ({
            message: error.code === 'MULTIPLE_DOCS'
                ? 'invalid YAML: a step graph is one YAML document; remove the `---` separator'
                : `invalid YAML: ${firstLine(error.message)}`,
            position: error.linePos
                ? { line: error.linePos[0].line, column: error.linePos[0].col }
                : UNKNOWN_POSITION
        }));
        return { root: undefined, errors, positioned: true };
    }
    const root = doc.contents === null
        ? undefined
        : positionedNode({ doc, lines }, doc.contents, UNKNOWN_POSITION);
    return { root, errors: [], positioned: true };
}
/** `fallback` positions a missing node (a key with no value) at its key. */
function positionedNode(context, node, fallback) {
    // An alias stands for its anchor's node; an unknown anchor is already a YAML error.
    const target = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node)
        ? (node.resolve(context.doc) ?? null)
        : node;
    if (target === null)
        return { kind: 'scalar', text: '', position: fallback };
    const { line, col } = context.lines.linePos(target.range[0]);
    const position = { line, column: col };
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(target))
        return new PositionedMapping(context, target, position);
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(target))
        return new PositionedList(context, target, position);
    const text = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(target) && typeof target.value === 'string' ? target.value : '';
    return { kind: 'scalar', text, position };
}
class PositionedList {
    context;
    node;
    position;
    kind = 'list';
    converted;
    constructor(context, node, position) {
        this.context = context;
        this.node = node;
        this.position = position;
    }
    get items() {
        return (this.converted ??= this.node.items.map(item => positionedNode(this.context, item, this.position)));
    }
}
class PositionedMapping {
    context;
    node;
    position;
    kind = 'mapping';
    converted;
    constructor(context, node, position) {
        this.context = context;
        this.node = node;
        this.position = position;
    }
    get entries() {
        return (this.converted ??= this.node.items.map(pair => {
            const key = positionedNode(this.context, pair.key, this.position);
            return [key, positionedNode(this.context, pair.value, key.position)];
        }));
    }
}
/** The yaml library's message without its own position and source excerpt. */
function firstLine(message) {
    return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}


/***/ })

};
