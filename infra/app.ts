import { createPivotApp } from './pivotApp';

createPivotApp();
