-- A civicli database as commit f494e0b left it (schema up to 0004_occurrence_facts), built by that
-- commit's own code: forms.yaml and (from 0002) inspections/demo.yaml loaded, records, inspections.
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'civicli','0001_plans','2026-12-01 14:50:37.433352+00:00');
INSERT INTO "_sqlite_migrations" VALUES(2,'civicli','0002_inspections','2026-12-01 14:50:37.446702+00:00');
INSERT INTO "_sqlite_migrations" VALUES(3,'civicli','0003_bulletins_and_windows','2026-12-01 14:50:37.459165+00:00');
INSERT INTO "_sqlite_migrations" VALUES(4,'civicli','0004_occurrence_facts','2026-12-01 14:50:37.462903+00:00');
CREATE TABLE bulletins (
            week TEXT PRIMARY KEY, year INTEGER NOT NULL, number INTEGER NOT NULL,
            generated_at TEXT NOT NULL, UNIQUE (year, number)
        );
INSERT INTO "bulletins" VALUES('2027-W09',2027,1,'2026-12-01T14:50:41+00:00');
CREATE TABLE calendar (
            plan_id TEXT NOT NULL REFERENCES plans(id), name TEXT NOT NULL,
            start TEXT NOT NULL, "end" TEXT,
            PRIMARY KEY (plan_id, name)
        );
INSERT INTO "calendar" VALUES('forms-2027','暑假','07-01','08-31');
CREATE TABLE goals (
            plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
            text TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, goal_id)
        );
INSERT INTO "goals" VALUES('forms-2027','g1','广泛参与',0);
CREATE TABLE import_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, sha256 TEXT NOT NULL,
            at TEXT NOT NULL, plan_id TEXT NOT NULL,
            added INTEGER NOT NULL, updated INTEGER NOT NULL,
            archived INTEGER NOT NULL, unchanged INTEGER NOT NULL
        );
INSERT INTO "import_log" VALUES(1,'/home/clerk/civicli/tests/data/forms.yaml','53f65a7c796e032c916cc4f0a686c3ef06b09f4f91d30001a8fa8ca13ae46e47','2026-12-01T14:50:37+00:00','forms-2027',10,0,0,0);
INSERT INTO "import_log" VALUES(2,'/home/clerk/civicli/tests/data/inspections/demo.yaml','dcb66e05e8092f680f5b5ba4882d547a019ea213ba98fba47762740408143d2a','2026-12-01T14:50:39+00:00','demo-2027',2,0,0,0);
CREATE TABLE inspection_answers (
            inspection_id INTEGER NOT NULL REFERENCES inspections(id), item_id TEXT NOT NULL,
            result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')), note TEXT,
            PRIMARY KEY (inspection_id, item_id)
        );
INSERT INTO "inspection_answers" VALUES(1,'corridor','pass',NULL);
INSERT INTO "inspection_answers" VALUES(1,'basement','fail','堆放杂物');
INSERT INTO "inspection_answers" VALUES(1,'yard','pass',NULL);
INSERT INTO "inspection_answers" VALUES(2,'corridor','pass',NULL);
INSERT INTO "inspection_answers" VALUES(2,'basement','pass',NULL);
INSERT INTO "inspection_answers" VALUES(2,'yard','pass',NULL);
INSERT INTO "inspection_answers" VALUES(3,'corridor','fail','电动车');
INSERT INTO "inspection_answers" VALUES(3,'basement','pass',NULL);
INSERT INTO "inspection_answers" VALUES(3,'yard','na',NULL);
INSERT INTO "inspection_answers" VALUES(4,'exits','fail','通道堵塞');
INSERT INTO "inspection_answers" VALUES(4,'extinguishers','pass',NULL);
INSERT INTO "inspection_answers" VALUES(4,'wiring','pass',NULL);
CREATE TABLE inspection_photos (
            inspection_id INTEGER NOT NULL REFERENCES inspections(id), path TEXT NOT NULL
        );
CREATE TABLE inspections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            template_key TEXT NOT NULL REFERENCES templates(key),
            plan_id TEXT NOT NULL, template_id TEXT NOT NULL, area TEXT NOT NULL,
            date TEXT NOT NULL, "by" TEXT, note TEXT, score REAL, passed INTEGER NOT NULL,
            at TEXT NOT NULL
        );
INSERT INTO "inspections" VALUES(1,'demo-2027/stairwell','demo-2027','stairwell','1号楼','2027-03-02','王',NULL,7.77777777777777714609e+01,0,'2026-12-01T14:50:39+00:00');
INSERT INTO "inspections" VALUES(2,'demo-2027/stairwell','demo-2027','stairwell','1号楼','2027-03-09','王',NULL,100.0,1,'2026-12-01T14:50:40+00:00');
INSERT INTO "inspections" VALUES(3,'demo-2027/stairwell','demo-2027','stairwell','2号楼','2027-03-03','赵',NULL,3.33333333333333357026e+01,0,'2026-12-01T14:50:40+00:00');
INSERT INTO "inspections" VALUES(4,'demo-2027/fire','demo-2027','fire','1号楼','2027-03-04',NULL,NULL,40.0,0,'2026-12-01T14:50:40+00:00');
CREATE TABLE occurrences (
            task_key TEXT NOT NULL REFERENCES tasks(key), key TEXT NOT NULL,
            plan_id TEXT NOT NULL, opens TEXT NOT NULL, due TEXT NOT NULL, missed_from TEXT, until TEXT NOT NULL DEFAULT '9999-12-31', rec_date TEXT, l_status TEXT, l_percent INTEGER, d_status TEXT, d_percent INTEGER,
            PRIMARY KEY (task_key, key)
        );
INSERT INTO "occurrences" VALUES('forms-2027/1.1','once','forms-2027','2027-01-01','2027-02-28',NULL,'9999-12-31','2027-02-25','done',40,'done',NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.10','2027','forms-2027','2027-01-01','2027-12-31','2029-01-01','2029-01-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-01','forms-2027','2027-01-01','2027-01-31','2027-03-01','2027-03-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-02','forms-2027','2027-02-01','2027-02-28','2027-04-01','2027-04-01','2027-03-10',NULL,60,NULL,60);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-03','forms-2027','2027-03-01','2027-03-31','2027-05-01','2027-05-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-04','forms-2027','2027-04-01','2027-04-30','2027-06-01','2027-06-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-05','forms-2027','2027-05-01','2027-05-31','2027-07-01','2027-07-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-06','forms-2027','2027-06-01','2027-06-30','2027-08-01','2027-08-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-07','forms-2027','2027-07-01','2027-07-31','2027-09-01','2027-09-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-08','forms-2027','2027-08-01','2027-08-31','2027-10-01','2027-10-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-09','forms-2027','2027-09-01','2027-09-30','2027-11-01','2027-11-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-10','forms-2027','2027-10-01','2027-10-31','2027-12-01','2027-12-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-11','forms-2027','2027-11-01','2027-11-30','2028-01-01','2028-01-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.2','2027-12','forms-2027','2027-12-01','2027-12-31','2028-02-01','2028-02-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.3','once','forms-2027','2027-01-01','2027-12-31',NULL,'9999-12-31','2027-03-10','doing',NULL,'doing',NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W01','forms-2027','2027-01-04','2027-01-10','2027-01-18','2027-01-18',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W02','forms-2027','2027-01-11','2027-01-17','2027-01-25','2027-01-25',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W03','forms-2027','2027-01-18','2027-01-24','2027-02-01','2027-02-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W04','forms-2027','2027-01-25','2027-01-31','2027-02-08','2027-02-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W05','forms-2027','2027-02-01','2027-02-07','2027-02-15','2027-02-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W06','forms-2027','2027-02-08','2027-02-14','2027-02-22','2027-02-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W07','forms-2027','2027-02-15','2027-02-21','2027-03-01','2027-03-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W08','forms-2027','2027-02-22','2027-02-28','2027-03-08','2027-03-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W09','forms-2027','2027-03-01','2027-03-07','2027-03-15','2027-03-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W10','forms-2027','2027-03-08','2027-03-14','2027-03-22','2027-03-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W11','forms-2027','2027-03-15','2027-03-21','2027-03-29','2027-03-29',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W12','forms-2027','2027-03-22','2027-03-28','2027-04-05','2027-04-05',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W13','forms-2027','2027-03-29','2027-04-04','2027-04-12','2027-04-12',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W14','forms-2027','2027-04-05','2027-04-11','2027-04-19','2027-04-19',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W15','forms-2027','2027-04-12','2027-04-18','2027-04-26','2027-04-26',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W16','forms-2027','2027-04-19','2027-04-25','2027-05-03','2027-05-03',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W17','forms-2027','2027-04-26','2027-05-02','2027-05-10','2027-05-10',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W18','forms-2027','2027-05-03','2027-05-09','2027-05-17','2027-05-17',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W19','forms-2027','2027-05-10','2027-05-16','2027-05-24','2027-05-24',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W20','forms-2027','2027-05-17','2027-05-23','2027-05-31','2027-05-31',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W21','forms-2027','2027-05-24','2027-05-30','2027-06-07','2027-06-07',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W22','forms-2027','2027-05-31','2027-06-06','2027-06-14','2027-06-14',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W23','forms-2027','2027-06-07','2027-06-13','2027-06-21','2027-06-21',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W24','forms-2027','2027-06-14','2027-06-20','2027-06-28','2027-06-28',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W25','forms-2027','2027-06-21','2027-06-27','2027-07-05','2027-07-05',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W26','forms-2027','2027-06-28','2027-07-04','2027-07-12','2027-07-12',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W27','forms-2027','2027-07-05','2027-07-11','2027-07-19','2027-07-19',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W28','forms-2027','2027-07-12','2027-07-18','2027-07-26','2027-07-26',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W29','forms-2027','2027-07-19','2027-07-25','2027-08-02','2027-08-02',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W30','forms-2027','2027-07-26','2027-08-01','2027-08-09','2027-08-09',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W31','forms-2027','2027-08-02','2027-08-08','2027-08-16','2027-08-16',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W32','forms-2027','2027-08-09','2027-08-15','2027-08-23','2027-08-23',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W33','forms-2027','2027-08-16','2027-08-22','2027-08-30','2027-08-30',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W34','forms-2027','2027-08-23','2027-08-29','2027-09-06','2027-09-06',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W35','forms-2027','2027-08-30','2027-09-05','2027-09-13','2027-09-13',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W36','forms-2027','2027-09-06','2027-09-12','2027-09-20','2027-09-20',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W37','forms-2027','2027-09-13','2027-09-19','2027-09-27','2027-09-27',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W38','forms-2027','2027-09-20','2027-09-26','2027-10-04','2027-10-04',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W39','forms-2027','2027-09-27','2027-10-03','2027-10-11','2027-10-11',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W40','forms-2027','2027-10-04','2027-10-10','2027-10-18','2027-10-18',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W41','forms-2027','2027-10-11','2027-10-17','2027-10-25','2027-10-25',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W42','forms-2027','2027-10-18','2027-10-24','2027-11-01','2027-11-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W43','forms-2027','2027-10-25','2027-10-31','2027-11-08','2027-11-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W44','forms-2027','2027-11-01','2027-11-07','2027-11-15','2027-11-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W45','forms-2027','2027-11-08','2027-11-14','2027-11-22','2027-11-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W46','forms-2027','2027-11-15','2027-11-21','2027-11-29','2027-11-29',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W47','forms-2027','2027-11-22','2027-11-28','2027-12-06','2027-12-06',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W48','forms-2027','2027-11-29','2027-12-05','2027-12-13','2027-12-13',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W49','forms-2027','2027-12-06','2027-12-12','2027-12-20','2027-12-20',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W50','forms-2027','2027-12-13','2027-12-19','2027-12-27','2027-12-27',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W51','forms-2027','2027-12-20','2027-12-26','2028-01-03','2028-01-03',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.4','2027-W52','forms-2027','2027-12-27','2028-01-02','2028-01-10','2028-01-10',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.5','2027-Q1','forms-2027','2027-01-01','2027-03-31','2027-07-01','2027-07-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.5','2027-Q2','forms-2027','2027-04-01','2027-06-30','2027-10-01','2027-10-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.5','2027-Q3','forms-2027','2027-07-01','2027-09-30','2028-01-01','2028-01-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.5','2027-Q4','forms-2027','2027-10-01','2027-12-31','2028-04-01','2028-04-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W01','forms-2027','2027-01-04','2027-01-17','2027-02-01','2027-02-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W03','forms-2027','2027-01-18','2027-01-31','2027-02-15','2027-02-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W05','forms-2027','2027-02-01','2027-02-14','2027-03-01','2027-03-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W07','forms-2027','2027-02-15','2027-02-28','2027-03-15','2027-03-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W09','forms-2027','2027-03-01','2027-03-14','2027-03-29','2027-03-29',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W11','forms-2027','2027-03-15','2027-03-28','2027-04-12','2027-04-12',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W13','forms-2027','2027-03-29','2027-04-11','2027-04-26','2027-04-26',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W15','forms-2027','2027-04-12','2027-04-25','2027-05-10','2027-05-10',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W17','forms-2027','2027-04-26','2027-05-09','2027-05-24','2027-05-24',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W19','forms-2027','2027-05-10','2027-05-23','2027-06-07','2027-06-07',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W21','forms-2027','2027-05-24','2027-06-06','2027-06-21','2027-06-21',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W23','forms-2027','2027-06-07','2027-06-20','2027-07-05','2027-07-05',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W25','forms-2027','2027-06-21','2027-07-04','2027-07-19','2027-07-19',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W27','forms-2027','2027-07-05','2027-07-18','2027-08-02','2027-08-02',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W29','forms-2027','2027-07-19','2027-08-01','2027-08-16','2027-08-16',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W31','forms-2027','2027-08-02','2027-08-15','2027-08-30','2027-08-30',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W33','forms-2027','2027-08-16','2027-08-29','2027-09-13','2027-09-13',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W35','forms-2027','2027-08-30','2027-09-12','2027-09-27','2027-09-27',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W37','forms-2027','2027-09-13','2027-09-26','2027-10-11','2027-10-11',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W39','forms-2027','2027-09-27','2027-10-10','2027-10-25','2027-10-25',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W41','forms-2027','2027-10-11','2027-10-24','2027-11-08','2027-11-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W43','forms-2027','2027-10-25','2027-11-07','2027-11-22','2027-11-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W45','forms-2027','2027-11-08','2027-11-21','2027-12-06','2027-12-06',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W47','forms-2027','2027-11-22','2027-12-05','2027-12-20','2027-12-20',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W49','forms-2027','2027-12-06','2027-12-19','2028-01-03','2028-01-03',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.6','2027-W51','forms-2027','2027-12-20','2028-01-02','2028-01-17','2028-01-17',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.7','2027-中秋','forms-2027','2027-09-05','2027-09-15','2027-09-21','2027-09-21',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.8','2027-暑假','forms-2027','2027-06-17','2027-08-31','2027-09-15','2027-09-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('forms-2027/1.9','2027-重阳','forms-2027','2027-09-22','2027-10-06','2027-10-21','2027-10-21',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W01','demo-2027','2027-01-04','2027-01-10','2027-01-18','2027-01-18',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W02','demo-2027','2027-01-11','2027-01-17','2027-01-25','2027-01-25',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W03','demo-2027','2027-01-18','2027-01-24','2027-02-01','2027-02-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W04','demo-2027','2027-01-25','2027-01-31','2027-02-08','2027-02-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W05','demo-2027','2027-02-01','2027-02-07','2027-02-15','2027-02-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W06','demo-2027','2027-02-08','2027-02-14','2027-02-22','2027-02-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W07','demo-2027','2027-02-15','2027-02-21','2027-03-01','2027-03-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W08','demo-2027','2027-02-22','2027-02-28','2027-03-08','2027-03-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W09','demo-2027','2027-03-01','2027-03-07','2027-03-15','2027-03-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W10','demo-2027','2027-03-08','2027-03-14','2027-03-22','2027-03-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W11','demo-2027','2027-03-15','2027-03-21','2027-03-29','2027-03-29',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W12','demo-2027','2027-03-22','2027-03-28','2027-04-05','2027-04-05',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W13','demo-2027','2027-03-29','2027-04-04','2027-04-12','2027-04-12',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W14','demo-2027','2027-04-05','2027-04-11','2027-04-19','2027-04-19',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W15','demo-2027','2027-04-12','2027-04-18','2027-04-26','2027-04-26',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W16','demo-2027','2027-04-19','2027-04-25','2027-05-03','2027-05-03',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W17','demo-2027','2027-04-26','2027-05-02','2027-05-10','2027-05-10',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W18','demo-2027','2027-05-03','2027-05-09','2027-05-17','2027-05-17',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W19','demo-2027','2027-05-10','2027-05-16','2027-05-24','2027-05-24',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W20','demo-2027','2027-05-17','2027-05-23','2027-05-31','2027-05-31',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W21','demo-2027','2027-05-24','2027-05-30','2027-06-07','2027-06-07',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W22','demo-2027','2027-05-31','2027-06-06','2027-06-14','2027-06-14',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W23','demo-2027','2027-06-07','2027-06-13','2027-06-21','2027-06-21',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W24','demo-2027','2027-06-14','2027-06-20','2027-06-28','2027-06-28',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W25','demo-2027','2027-06-21','2027-06-27','2027-07-05','2027-07-05',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W26','demo-2027','2027-06-28','2027-07-04','2027-07-12','2027-07-12',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W27','demo-2027','2027-07-05','2027-07-11','2027-07-19','2027-07-19',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W28','demo-2027','2027-07-12','2027-07-18','2027-07-26','2027-07-26',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W29','demo-2027','2027-07-19','2027-07-25','2027-08-02','2027-08-02',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W30','demo-2027','2027-07-26','2027-08-01','2027-08-09','2027-08-09',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W31','demo-2027','2027-08-02','2027-08-08','2027-08-16','2027-08-16',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W32','demo-2027','2027-08-09','2027-08-15','2027-08-23','2027-08-23',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W33','demo-2027','2027-08-16','2027-08-22','2027-08-30','2027-08-30',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W34','demo-2027','2027-08-23','2027-08-29','2027-09-06','2027-09-06',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W35','demo-2027','2027-08-30','2027-09-05','2027-09-13','2027-09-13',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W36','demo-2027','2027-09-06','2027-09-12','2027-09-20','2027-09-20',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W37','demo-2027','2027-09-13','2027-09-19','2027-09-27','2027-09-27',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W38','demo-2027','2027-09-20','2027-09-26','2027-10-04','2027-10-04',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W39','demo-2027','2027-09-27','2027-10-03','2027-10-11','2027-10-11',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W40','demo-2027','2027-10-04','2027-10-10','2027-10-18','2027-10-18',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W41','demo-2027','2027-10-11','2027-10-17','2027-10-25','2027-10-25',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W42','demo-2027','2027-10-18','2027-10-24','2027-11-01','2027-11-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W43','demo-2027','2027-10-25','2027-10-31','2027-11-08','2027-11-08',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W44','demo-2027','2027-11-01','2027-11-07','2027-11-15','2027-11-15',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W45','demo-2027','2027-11-08','2027-11-14','2027-11-22','2027-11-22',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W46','demo-2027','2027-11-15','2027-11-21','2027-11-29','2027-11-29',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W47','demo-2027','2027-11-22','2027-11-28','2027-12-06','2027-12-06',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W48','demo-2027','2027-11-29','2027-12-05','2027-12-13','2027-12-13',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W49','demo-2027','2027-12-06','2027-12-12','2027-12-20','2027-12-20',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W50','demo-2027','2027-12-13','2027-12-19','2027-12-27','2027-12-27',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W51','demo-2027','2027-12-20','2027-12-26','2028-01-03','2028-01-03',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.1','2027-W52','demo-2027','2027-12-27','2028-01-02','2028-01-10','2028-01-10',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-01','demo-2027','2027-01-01','2027-01-31','2027-03-01','2027-03-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-02','demo-2027','2027-02-01','2027-02-28','2027-04-01','2027-04-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-03','demo-2027','2027-03-01','2027-03-31','2027-05-01','2027-05-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-04','demo-2027','2027-04-01','2027-04-30','2027-06-01','2027-06-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-05','demo-2027','2027-05-01','2027-05-31','2027-07-01','2027-07-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-06','demo-2027','2027-06-01','2027-06-30','2027-08-01','2027-08-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-07','demo-2027','2027-07-01','2027-07-31','2027-09-01','2027-09-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-08','demo-2027','2027-08-01','2027-08-31','2027-10-01','2027-10-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-09','demo-2027','2027-09-01','2027-09-30','2027-11-01','2027-11-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-10','demo-2027','2027-10-01','2027-10-31','2027-12-01','2027-12-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-11','demo-2027','2027-11-01','2027-11-30','2028-01-01','2028-01-01',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "occurrences" VALUES('demo-2027/1.2','2027-12','demo-2027','2027-12-01','2027-12-31','2028-02-01','2028-02-01',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE plans (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, community TEXT,
            start TEXT NOT NULL, "end" TEXT NOT NULL, tracked_from TEXT,
            guiding_ideology TEXT, principles TEXT,
            source TEXT NOT NULL, sha256 TEXT NOT NULL, loaded_at TEXT NOT NULL
        );
INSERT INTO "plans" VALUES('forms-2027','全部安排形式','测试社区','2027-01-01','2027-12-31',NULL,NULL,'[]','/home/clerk/civicli/tests/data/forms.yaml','53f65a7c796e032c916cc4f0a686c3ef06b09f4f91d30001a8fa8ca13ae46e47','2026-12-01T14:50:37+00:00');
INSERT INTO "plans" VALUES('demo-2027','检查测试计划','幸福社区','2027-01-01','2027-12-31',NULL,NULL,'[]','/home/clerk/civicli/tests/data/inspections/demo.yaml','dcb66e05e8092f680f5b5ba4882d547a019ea213ba98fba47762740408143d2a','2026-12-01T14:50:39+00:00');
CREATE TABLE record_metrics (
            record_id INTEGER NOT NULL REFERENCES records(id), name TEXT NOT NULL,
            value REAL NOT NULL, PRIMARY KEY (record_id, name)
        );
INSERT INTO "record_metrics" VALUES(3,'participants',35.0);
CREATE TABLE records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            task_key TEXT NOT NULL REFERENCES tasks(key), occurrence TEXT NOT NULL,
            at TEXT NOT NULL, date TEXT NOT NULL,
            status TEXT, percent INTEGER, note TEXT, "by" TEXT
        );
INSERT INTO "records" VALUES(1,'forms-2027/1.1','once','2026-12-01T14:50:37+00:00','2027-02-20',NULL,40,'成立筹备','李');
INSERT INTO "records" VALUES(2,'forms-2027/1.1','once','2026-12-01T14:50:38+00:00','2027-02-25','done',NULL,'领导小组已成立','李');
INSERT INTO "records" VALUES(3,'forms-2027/1.2','2027-02','2026-12-01T14:50:38+00:00','2027-03-10',NULL,60,'三月简报初稿',NULL);
INSERT INTO "records" VALUES(4,'forms-2027/1.3','once','2026-12-01T14:50:38+00:00','2027-03-10','doing',NULL,'宣传栏更新',NULL);
CREATE TABLE rectifications (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            template_key TEXT NOT NULL REFERENCES templates(key),
            plan_id TEXT NOT NULL, template_id TEXT NOT NULL, area TEXT NOT NULL,
            item_id TEXT NOT NULL, note TEXT, owner TEXT,
            opened TEXT NOT NULL, due TEXT NOT NULL,
            opened_by INTEGER NOT NULL REFERENCES inspections(id),
            closed TEXT, closed_by INTEGER REFERENCES inspections(id),
            repeats INTEGER NOT NULL DEFAULT 0
        );
INSERT INTO "rectifications" VALUES(1,'demo-2027/stairwell','demo-2027','stairwell','1号楼','basement','堆放杂物','building-heads','2027-03-02','2027-03-09',1,'2027-03-09',2,0);
INSERT INTO "rectifications" VALUES(2,'demo-2027/stairwell','demo-2027','stairwell','2号楼','corridor','电动车','building-heads','2027-03-03','2027-03-10',3,NULL,NULL,0);
INSERT INTO "rectifications" VALUES(3,'demo-2027/fire','demo-2027','fire','1号楼','exits','通道堵塞','王主任','2027-03-04','2027-03-07',4,NULL,NULL,0);
CREATE TABLE roles (
            plan_id TEXT NOT NULL REFERENCES plans(id), role_id TEXT NOT NULL, name TEXT NOT NULL,
            PRIMARY KEY (plan_id, role_id)
        );
INSERT INTO "roles" VALUES('forms-2027','secretary','社区党支部书记');
INSERT INTO "roles" VALUES('forms-2027','building-heads','楼长');
INSERT INTO "roles" VALUES('demo-2027','building-heads','楼长');
CREATE TABLE sections (
            plan_id TEXT NOT NULL REFERENCES plans(id), section_id TEXT NOT NULL,
            title TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, section_id)
        );
INSERT INTO "sections" VALUES('forms-2027','1','加强领导，健全组织机构',0);
INSERT INTO "sections" VALUES('demo-2027','1','狠抓环境建设',0);
CREATE TABLE targets (
            plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
            target_id TEXT NOT NULL, text TEXT NOT NULL, metric TEXT NOT NULL,
            target REAL NOT NULL, direction TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (plan_id, goal_id, target_id)
        );
INSERT INTO "targets" VALUES('forms-2027','g1','people','参与人次','participants',100.0,'at_least',0);
INSERT INTO "targets" VALUES('forms-2027','g1','fires','重大火灾','major_fires',0.0,'at_most',1);
CREATE TABLE tasks (
            key TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),
            task_id TEXT NOT NULL, section_id TEXT NOT NULL, position INTEGER NOT NULL,
            title TEXT NOT NULL, detail TEXT, owner TEXT, tags TEXT,
            goal_id TEXT, inspection_id TEXT,
            due TEXT, every TEXT, festival TEXT, "offset" INTEGER, lead INTEGER, grace INTEGER,
            archived_at TEXT
        );
INSERT INTO "tasks" VALUES('forms-2027/1.1','forms-2027','1.1','1',0,'建立领导小组',NULL,'secretary',NULL,'g1',NULL,'2027-02-28',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.2','forms-2027','1.2','1',1,'编制创建简报',NULL,'secretary',NULL,NULL,NULL,NULL,'month',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.3','forms-2027','1.3','1',2,'常态化宣传',NULL,'张三',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.4','forms-2027','1.4','1',3,'楼道卫生周检查',NULL,'building-heads',NULL,NULL,NULL,NULL,'week',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.5','forms-2027','1.5','1',4,'季度总结',NULL,NULL,NULL,NULL,NULL,NULL,'quarter',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.6','forms-2027','1.6','1',5,'双周例会',NULL,NULL,NULL,NULL,NULL,NULL,'2 weeks',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.7','forms-2027','1.7','1',6,'中秋邻里团圆会',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'mid-autumn',0,10,5,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.8','forms-2027','1.8','1',7,'暑期快乐童声纳凉晚会',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'暑假',0,14,14,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.9','forms-2027','1.9','1',8,'重阳敬老活动',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'重阳',-2,14,14,NULL);
INSERT INTO "tasks" VALUES('forms-2027/1.10','forms-2027','1.10','1',9,'年度总结',NULL,NULL,NULL,NULL,NULL,NULL,'year',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('demo-2027/1.1','demo-2027','1.1','1',0,'楼道卫生检查',NULL,'building-heads',NULL,NULL,'stairwell',NULL,'week',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "tasks" VALUES('demo-2027/1.2','demo-2027','1.2','1',1,'四防检查',NULL,'王主任',NULL,NULL,'fire',NULL,'month',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE template_areas (
            template_key TEXT NOT NULL REFERENCES templates(key), area TEXT NOT NULL,
            position INTEGER NOT NULL, PRIMARY KEY (template_key, area)
        );
INSERT INTO "template_areas" VALUES('demo-2027/stairwell','1号楼',0);
INSERT INTO "template_areas" VALUES('demo-2027/stairwell','2号楼',1);
INSERT INTO "template_areas" VALUES('demo-2027/stairwell','3号楼',2);
INSERT INTO "template_areas" VALUES('demo-2027/fire','1号楼',0);
INSERT INTO "template_areas" VALUES('demo-2027/fractions','小区',0);
CREATE TABLE template_items (
            template_key TEXT NOT NULL REFERENCES templates(key), item_id TEXT NOT NULL,
            text TEXT NOT NULL, weight REAL NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (template_key, item_id)
        );
INSERT INTO "template_items" VALUES('demo-2027/stairwell','corridor','楼道无堆物',2.0,0);
INSERT INTO "template_items" VALUES('demo-2027/stairwell','basement','地下室整洁',1.0,1);
INSERT INTO "template_items" VALUES('demo-2027/stairwell','yard','宅楼前后干净',1.5,2);
INSERT INTO "template_items" VALUES('demo-2027/fire','exits','消防通道畅通',3.0,0);
INSERT INTO "template_items" VALUES('demo-2027/fire','extinguishers','灭火器完好',1.0,1);
INSERT INTO "template_items" VALUES('demo-2027/fire','wiring','无私拉电线',1.0,2);
INSERT INTO "template_items" VALUES('demo-2027/fractions','x','甲',0.1,0);
INSERT INTO "template_items" VALUES('demo-2027/fractions','y','乙',0.2,1);
INSERT INTO "template_items" VALUES('demo-2027/fractions','z','丙',0.3,2);
CREATE TABLE templates (
            key TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),
            template_id TEXT NOT NULL, title TEXT NOT NULL,
            pass_mark REAL NOT NULL, rectify_days INTEGER NOT NULL, archived_at TEXT
        );
INSERT INTO "templates" VALUES('demo-2027/stairwell','demo-2027','stairwell','楼道卫生检查',80.0,7,NULL);
INSERT INTO "templates" VALUES('demo-2027/fire','demo-2027','fire','四防检查',75.0,3,NULL);
INSERT INTO "templates" VALUES('demo-2027/fractions','demo-2027','fractions','小数权重',50.0,7,NULL);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX targets_metric ON targets(plan_id, metric);
CREATE INDEX tasks_plan ON tasks(plan_id, archived_at);
CREATE INDEX tasks_task_id ON tasks(task_id);
CREATE INDEX tasks_owner ON tasks(owner);
CREATE INDEX templates_template_id ON templates(template_id);
CREATE INDEX occurrences_due ON occurrences(due);
CREATE INDEX records_occurrence ON records(task_key, occurrence, id);
CREATE INDEX records_date ON records(date);
CREATE INDEX record_metrics_name ON record_metrics(name);
CREATE INDEX inspections_area ON inspections(template_key, area, date);
CREATE INDEX inspections_date ON inspections(date);
CREATE INDEX inspection_photos_inspection ON inspection_photos(inspection_id);
CREATE INDEX rectifications_open ON rectifications(closed, due);
CREATE INDEX rectifications_area ON rectifications(template_key, area, item_id);
CREATE INDEX occurrences_window ON occurrences(until, opens);
CREATE INDEX occurrences_plan_window ON occurrences(plan_id, until, opens);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('import_log',2);
INSERT INTO "sqlite_sequence" VALUES('records',4);
INSERT INTO "sqlite_sequence" VALUES('inspections',4);
INSERT INTO "sqlite_sequence" VALUES('rectifications',3);
COMMIT;
