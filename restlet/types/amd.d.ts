// SuiteScript modules are AMD; NetSuite's loader provides define at run time.
declare function define(dependencies: string[], factory: (...modules: any[]) => unknown): void;
