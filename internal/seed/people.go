package seed

// Names drawn from the population English fostering services actually
// serve, so that every page and PDF is exercised with the accents, marks and
// scripts real records contain.
var firstNames = []string{
	"Zoë", "Siân", "Łukasz", "Ngozi", "Hạnh", "Aoife", "Tomasz", "Chiamaka", "Priya", "Mohammed",
	"Fatima", "Olusegun", "Gráinne", "Dafydd", "Rhiannon", "Anjali", "Kwame", "Agnieszka", "Eilidh", "Yusuf",
	"Ayesha", "Sinéad", "Bartosz", "Adaeze", "Oisín", "Ceri", "Gurpreet", "Thu", "Ioana", "Dermot",
	"Margaret", "David", "Susan", "Paul", "Karen", "Mark", "Julie", "Andrew", "Helen", "Stephen",
	"Sarah", "Gareth", "Claire", "Lee", "Michelle", "Darren", "Joanne", "Craig", "Nicola", "Wayne",
	"Amara", "Kofi", "Shabana", "Tariq", "Renée", "José", "Zsófia", "Mihai", "Björn", "Saoirse",
}

var lastNames = []string{
	"Ó Briain", "Llewelyn-Jones", "Wróblewski", "Àdìgún", "Nguyễn", "O'Connor", "Kowalski", "Okafor", "Patel", "Rahman",
	"Begum", "Adeyemi", "Ní Mhurchú", "Pryce", "Evans", "Sharma", "Mensah", "Nowak", "MacLeod", "Hussain",
	"Khan", "Ó Súilleabháin", "Zieliński", "Eze", "Ó Ceallaigh", "Williams", "Singh", "Trần", "Popescu", "Fitzgerald",
	"Smith", "Jones", "Taylor", "Brown", "Wilson", "Davies", "Roberts", "Walker", "Wright", "Thompson",
	"Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Jackson", "Turner", "Hill",
	"Asante", "Boateng", "Chowdhury", "Iqbal", "Dubois", "García", "Horváth", "Ionescu", "Lindqvist", "Byrne",
}

// namedCarers are the first carers of the demo, one per household, so the
// names the specification promises always appear.
var namedCarers = [][2]string{
	{"Zoë", "Ó Briain"},
	{"Siân", "Llewelyn-Jones"},
	{"Łukasz", "Wróblewski"},
	{"Ngozi", "Àdìgún"},
	{"Thị Hạnh", "Nguyễn"},
}

var towns = []struct{ town, postcode string }{
	{"Torquay", "TQ1"}, {"Paignton", "TQ3"}, {"Brixham", "TQ5"}, {"Newton Abbot", "TQ12"}, {"Totnes", "TQ9"},
	{"Exeter", "EX4"}, {"Plymouth", "PL4"}, {"Dartmouth", "TQ6"}, {"Teignmouth", "TQ14"}, {"Kingsbridge", "TQ7"},
}

var streets = []string{
	"Babbacombe Road", "Higher Union Street", "Fore Street", "Marldon Road", "Berry Head Road",
	"Ashburton Road", "Queen Street", "Victoria Park Road", "Cockington Lane", "St Marychurch Road",
	"Windmill Hill", "Station Road", "Church Street", "Orchard Close", "Meadow View",
}

var placingAuthorities = []string{
	"Torbay Council", "Devon County Council", "Plymouth City Council", "Cornwall Council",
	"Somerset Council", "Bristol City Council",
}
