package quote

import "strings"

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(words, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		m[w] = true
	}
	return m
}

// cues are reporting verbs of speech and, as PolNeAR counts them too,
// of thought and belief, in all their inflected forms.
var cues = union(inflected(speechVerbs+","+beliefVerbs, nounForms), infinitiveCues, clauseCues, aboutCues, asCues, goOnForms, toCues)

// freeCues report in any frame.
var freeCues = union(inflected(speechVerbs+","+beliefVerbs, nounForms), goOnForms)

// goOnForms report only right before a quotation or a colon, or closing
// one: "He continued, “...”", "“...,” she continued". "Continued to
// push" reports nothing.
var goOnForms = inflected(`continue`, nil)

// Verbs that report a position only in one frame: "wants to", "plans
// to"; "knows that"; "spoke about"; "referred to"; "sees X as Y". Elsewhere ("wants a
// sandwich", "knows him", "spoke in Iowa", "saw the film") they report
// nothing.
var (
	infinitiveCues = inflected(`want,plan+,seek,intend,aim,vow,threaten,hope,prefer+,wish,pledge,promise,refuse,decline`, nil)
	clauseCues     = inflected(`know,see,understand,assume,imagine,guess,figure,reckon,suppose,remember,forget,discover,
hear,insist,predict,agree,accept,conclude,concede,maintain,feel`, nil)
	toCues    = inflected(`refer+,allude,point`, nil)
	aboutCues = inflected(`speak,talk,speculate,joke,complain,boast,brag+,testify,comment,write,worry,fret+,rail,
warn,caution,elaborate,muse,wonder,argue,agree,disagree`, nil)
	asCues = inflected(`see,view,regard,describe,portray,paint,cast,characterize,characterise,depict,present,frame,
dismiss,hail,label,brand,praise,criticize,criticise,denounce`, nil)
)

func union(sets ...map[string]bool) map[string]bool {
	m := map[string]bool{}
	for _, s := range sets {
		for w, ok := range s {
			if ok {
				m[w] = true
			}
		}
	}
	return m
}

// nounForms are forms of reporting verbs that news mostly uses as nouns
// or in other senses: "the state", "a finding", "the showing".
var nounForms = set(`state,states,find,finding,showing,post,posts,answers,remarks`)

// speechVerbs report what someone said or wrote. A lemma marked "+"
// doubles its last consonant ("admit+": admitted, admitting).
const speechVerbs = `say,tell,add,note,stress,argue,claim,warn,insist,explain,announce,declare,deny,acknowledge,ask,
describe,admit+,assert,contend,suggest,write,tweet,report,confirm,predict,promise,vow,pledge,urge,emphasize,emphasise,
repeat,recall,reply,respond,interject,answer,allege,observe,concede,agree,quip+,joke,mention,reveal,indicate,testify,
boast,complain,accuse,charge,remark,shout,recommend,demand,propose,proclaim,reiterate,remind,signal,speculate,caution,
blast,slam+,praise,criticize,criticise,dismiss,state,post,show,find,estimate,conclude,
call,cite,question,counter,retort,concur+,assure,affirm,comment,confess,confide,disclose,hint,imply,lament,plead,protest,
recount,swear,underscore,express,forecast,highlight,outline,reaffirm,tout,muse,decry,denounce,condemn,lambaste,chide,
rebuke,laud,applaud,credit,blame,reject,mock,ridicule,brag+,opine,liken,characterize,characterise,label,brand,dub+,
portray,congratulate,request,order,implore,clarify,scoff,rail,knock,assail,scold,berate,apologize,apologise,discuss,
defend,read,decline,refuse`

// beliefVerbs report what someone thinks, believes or fears.
const beliefVerbs = `believe,think,hope,fear,worry,doubt,expect,wonder,realize,realise,suspect,anticipate,
recognize,recognise,consider,learn,notice,disagree,deem`

func isCue(w string) bool { return cues[w] }

// irregularForms are the forms of verbs that do not inflect by rule.
var irregularForms = map[string]string{
	"say": "said", "tell": "told", "write": "wrote,written", "think": "thought", "feel": "felt", "find": "found",
	"show": "showed,shown", "know": "knew,known", "see": "saw,seen", "speak": "spoke,spoken", "swear": "swore,sworn",
	"understand": "understood", "forecast": "forecast,forecasted", "foresee": "foresaw,foreseen", "read": "read",
	"hear": "heard", "teach": "taught", "signal": "signaled,signalled,signaling,signalling", "mean": "meant",
}

// inflected returns every form of the verbs of a comma-separated list of
// lemmas: base, third person, past, participle and gerund.
func inflected(lemmas string, except map[string]bool) map[string]bool {
	m := map[string]bool{}
	for w := range set(lemmas) {
		double := strings.HasSuffix(w, "+")
		w = strings.TrimSuffix(w, "+")
		for _, f := range verbForms(w, double) {
			m[f] = !except[f]
		}
		for _, f := range strings.Split(irregularForms[w], ",") {
			if f != "" {
				m[f] = true
			}
		}
	}
	return m
}

func verbForms(w string, double bool) []string {
	third, past, ing := w+"s", w+"ed", w+"ing"
	last := w[len(w)-1]
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		third = w + "es"
	case last == 'y' && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		third, past = w[:len(w)-1]+"ies", w[:len(w)-1]+"ied"
	}
	switch {
	case double:
		past, ing = w+string(last)+"ed", w+string(last)+"ing"
	case strings.HasSuffix(w, "ee"):
		past = w + "d"
	case last == 'e':
		past, ing = w+"d", w[:len(w)-1]+"ing"
	}
	return []string{w, third, past, ing}
}

// tellCues take a listener before the reported clause: "told reporters that".
var tellCues = inflected(`tell,remind,warn,assure,urge,ask,inform,advise,caution,implore,press,order,instruct,encourage,
beg+,invite,call`, nil)

// objectPronouns are listeners: "told him the port would close".
var objectPronouns = set(`him,her,them,us,me,you,reporters,journalists,supporters,voters,lawmakers,members,delegates`)

var auxiliaries = set(`has,have,had,would,will,also,then,later,previously,once,again,repeatedly,publicly,privately,
recently,reportedly,is,was,were,are,be,been,did,does,do,not,never,could,might,may,should,must,can,still,even,quickly,
just,often,has,already,long,'ve,’ve,'re,’re,'ll,’ll,'d,’d,'s,’s,didn't,didn’t,doesn't,doesn’t,don't,don’t,hasn't,hasn’t,
haven't,haven’t,hadn't,hadn’t,won't,won’t,wouldn't,wouldn’t,can't,can’t,couldn't,couldn’t,isn't,isn’t,wasn't,wasn’t,
weren't,weren’t,aren't,aren’t,shouldn't,shouldn’t,cannot`)

// clauseWords end a speaker phrase when read backwards from the cue.
var clauseWords = set(`that,and,but,or,because,while,when,as,if,which,who,whom,where,after,before,since,though,although,
than,so,yet,whether`)

var pronouns = set(`he,she,they,we,i,it,you`)

var determiners = set(`the,a,an,his,her,their,its,our,this,that,these,those,some,many,most,several,two,three,four,five,
both,other,another,one,few,no,every,each,all,such`)

// groupNouns can speak without a determiner: "officials said".
var groupNouns = set(`officials,analysts,critics,experts,sources,witnesses,residents,diplomats,aides,advisers,advisors,
supporters,opponents,democrats,republicans,activists,observers,economists,lawmakers,investigators,prosecutors,police,
scientists,researchers,polls,reports,documents,studies,surveys,voters,people,americans,officers,protesters,leaders,
percent,majority,half,third,quarter,respondents,poll,survey,study,report,data,figures,numbers`)

// nonSpeakers are capitalised words that do not make a phrase a speaker.
var nonSpeakers = set(`monday,tuesday,wednesday,thursday,friday,saturday,sunday,january,february,march,april,june,july,
august,september,october,november,december,i,it`)

var beForms = set(`is,was,were,are,be,been,being`)

// tailWords may follow a cue that closes a sentence: "..., he said on
// Monday", "..., she said in a statement", "..., he said of the plan".
var tailWords = set(`on,in,at,during,last,this,yesterday,today,tonight,earlier,later,recently,then,of,after,before,while,
when,as,via,from,through,to,with,about,at,monday,tuesday,wednesday,thursday,friday,saturday,sunday,afterward,afterwards,
late,early,outside,inside,before,following,over,referring,adding,noting,according,speaking,told,asked,citing,because,
but,and,though,although,without,under,since,by,for,who,whose,which,repeatedly,again,flatly,simply,also`)

var modals = set(`could,would,should,might,may,must,can,will,shall`)

var pronounGender = map[string]string{"he": "m", "she": "f"}

var titleGender = map[string]string{"Mr.": "m", "Mrs.": "f", "Ms.": "f", "Miss": "f", "Sir": "m", "Lady": "f", "Dame": "f", "Lord": "m"}

var roleGender = map[string]string{}

// firstNameGender holds common first names whose gender is clear, so that
// "she" is not given to the last man named.
var firstNameGender = map[string]string{}

func init() {
	for _, w := range strings.Fields(`spokeswoman congresswoman chairwoman businesswoman councilwoman wife mother daughter
		sister widow actress queen princess duchess grandmother aunt niece lady woman girl stateswoman`) {
		roleGender[w] = "f"
	}
	for _, w := range strings.Fields(`spokesman congressman chairman businessman councilman husband father son brother
		widower actor king prince duke grandfather uncle nephew man boy statesman`) {
		roleGender[w] = "m"
	}
	for _, w := range strings.Fields(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
		betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura
		sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole samantha katherine christine debra
		rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria kelly christina joan evelyn
		lauren judith olivia megan cheryl martha andrea frances hannah jacqueline ann gloria jean kathryn alice teresa
		sara janice doris madison julia grace judy abigail marie denise beverly amber theresa marilyn danielle diana
		natalie sophia rose isabella alexis kayla charlotte hillary melania ivanka chelsea nikki carly kellyanne huma
		condoleezza michele sonia elena ruth marine angela theresa olga irina natalia svetlana tatiana elena
		anastasia ekaterina yulia maria valentina fatima aisha amira layla leila yasmin nadia laila zainab mariam
		hannah`) {
		firstNameGender[w] = "f"
	}
	for _, w := range strings.Fields(`james robert john michael david william richard joseph thomas charles christopher
		daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
		jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
		alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
		ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
		jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene
		russell bobby mason philip louis barack bernie ted marco jeb ben chris mike rand newt mitt bill al tim reince
		rudy sergei sergey vladimir dmitry dmitri alexei alexey ivan nikolai mikhail andrei viktor boris yuri igor
		oleg pavel maxim mohammed muhammad ahmed ali omar hassan hussein khalid karim mahmoud bashar recep emmanuel
		francois angelo giuseppe xi`) {
		firstNameGender[w] = "m"
	}
}

// personNouns head a speaker phrase without a determiner, as headlines
// write them: "expert says", "former rival says".
var personNouns = set(`expert,analyst,candidate,official,source,aide,spokesman,spokeswoman,spokesperson,lawyer,attorney,
rival,adviser,advisor,senator,governor,president,minister,poll,study,survey,report,professor,economist,historian,
strategist,operative,insider,critic,supporter,voter,lawmaker,leader,chief,chairman,chairwoman,director,ambassador,
diplomat,envoy,commander,general,judge,prosecutor,witness,resident,activist,observer,researcher,scientist,doctor,
campaign,party,committee,ministry,department,agency,government,company,group,organisation,organization,nominee`)

// notSpeakers open a line with a colon without speaking.
var notSpeakers = set(`note,update,updated,editor,photo,video,watch,read,related,correction,source,sources,tags,
topics,see,also,listen,advertisement,click,share,posted,published,by,from,via,credit,image,caption`)

// prepositions after a cue introduce its object, not a reported clause.
var prepositions = set(`for,to,by,with,of,about,against,from,into,at,on,in,over,up,out,off,after,before,during,under,without`)

// temporalWords open a sentence before its subject: "Last October the
// minister said".
var temporalWords = set(`last,this,next,on,in,early,late,earlier,later,yesterday,today,week,month,year,weekend,morning,
evening,night,monday,tuesday,wednesday,thursday,friday,saturday,sunday,january,february,march,april,may,june,july,
august,september,october,november,december,spring,summer,autumn,fall,winter,jan,feb,mar,apr,jun,jul,aug,sep,sept,oct,
nov,dec,night,afternoon,day,days,weeks,months,years,time`)

var answerCues = set(`respond,responds,responded,reply,replies,replied,answer,answers,answered`)

// nounMarkers before a cue word make it a noun: "the report", "his claim".
var nounMarkers = set(`the,a,an,his,her,their,its,our,my,your,this,these,every,no,any,such,new,first,
latest,recent,whose,public,same,own`)

// nominalCues are nouns that report a statement or a belief with a clause:
// "his claim that", "her promise to".
var nominalCues = set(`claim,claims,assertion,assertions,argument,belief,beliefs,view,warning,warnings,promise,promises,
pledge,vow,suggestion,insistence,statement,remark,remarks,comment,comments,allegation,allegations,accusation,accusations,
charge,charges,contention,admission,announcement,prediction,predictions,denial,assurance,assurances,threat,threats,
demand,demands,call,calls,proposal,fear,fears,hope,hopes,concern,concerns,doubt,doubts,worry,conclusion,finding,findings,
report,observation,complaint,complaints,criticism,recommendation,plea,boast,request,opinion,position,estimate,forecast,
expectation,expectations,acknowledgment,acknowledgement,confession,declaration,explanation,reminder,hint,message,
testimony,theory,insinuation,implication,suspicion,conviction,assumption,answer,reply,response,retort,question,
questions`)

// infinitiveNouns report with an infinitive: "his promise to resign".
var infinitiveNouns = set(`promise,promises,pledge,vow,threat,threats,demand,demands,call,calls,proposal,plea,request,
decision,plan,plans,offer,wish,desire,intention,goal,refusal,bid,effort,attempt,push,commitment`)

var possessivePronouns = set(`his,her,their,its,my,our`)

var subjectPronouns = set(`he,she,they,we,i`)

// quantifierSubjects speak alone: "Many worried that", "Others said".
var quantifierSubjects = set(`many,some,others,most,few,several,both,all,one,another,none,each`)

var relativePronouns = set(`who,which,that`)

var callForms = set(`call,calls,called,calling`)

// circumstancePrepositions open a phrase of time, place or manner after a
// cue, which is not what was said.
var circumstancePrepositions = set(`in,at,during,after,before,from,since,until,via,through,outside,inside,near,by,into,
while,when,without,under,with,among,amid,despite,following`)

// complementPrepositions introduce what a cue reports: "called for a ban",
// "warned of a crisis", "spoke about the deal".
var complementPrepositions = set(`for,about,of,against,upon`)

// mediaWords after "on" name where something was said: "on Twitter".
var mediaWords = set(`twitter,facebook,instagram,telegram,youtube,tiktok,television,tv,radio,air,camera,stage,
program,show,blog,website,page,account,podcast,cnn,fox,msnbc,nbc,abc,cbs,npr,sunday,call,phone,line`)

// openers open sentences without naming anyone: "But said ...".
var openers = set(`but,and,or,so,yet,in,on,at,back,what,when,where,why,how,there,here,then,now,also,still,
meanwhile,however,instead,indeed,yes,no,well,asked,last,after,before,as,if,while,though,although,because,since,today,
tonight,yesterday,this,that,these,those,who,which,whom,whose,just,only,even,again,later,earlier,finally,first,also,
rather,perhaps,maybe,probably,certainly,clearly,obviously,please,thus,hence,therefore,otherwise,besides,moreover,
likewise,using,additionally,similarly,separately,nonetheless,nevertheless,regardless,overall,ultimately,initially,
previously,recently,currently,notably,specifically,essentially,basically,meanwhile,furthermore,afterward,afterwards,
nowadays,here's,there's,what's,that's,it's,let's`)

// contractions of a pronoun and "is" look like owners: "it's raising".
var contractions = set(`it's,it’s,he's,he’s,she's,she’s,that's,that’s,there's,there’s,what's,what’s,who's,who’s,here's,
here’s,let's,let’s,where's,where’s`)

// rubrics head a line with a colon as a label, not a speaker.
var rubrics = set(`latest,poll,polls,revealed,contributing,exclusive,breaking,analysis,opinion,editorial,factbox,explainer,
live,update,updates,report,review,interview,transcript,summary,background,context,quiz,timeline,obituary,daily,watch,
video,photos,chart,map,graphic,podcast,newsletter,recap,preview,verdict,bottom,line,note,notice,remember,reminder`)

// phraseJoiners may stand before a determiner inside a noun phrase: "the
// mayor and the governor", "even the most loyal", "across the country".
var phraseJoiners = set(`and,or,even,only,just,across,among,around,throughout,including,like,half,nearly,almost`)

// viewNouns hold a view: "in his view", "in the words of".
var viewNouns = set(`view,views,opinion,estimation,judgment,judgement,assessment,words,mind,eyes,telling,account,reading,
analysis,experience,understanding,recollection,memory`)

// mediumStops end the name of an outlet: "with Clarin that ...".
var mediumStops = set(`that,on,in,at,last,this,about,he,she,they,we,said,says,published,aired,broadcast,which,who,when,
after,before,during,earlier,late,early,monday,tuesday,wednesday,thursday,friday,saturday,sunday,and,but,while,where`)

// mediaDescriptors name a kind of outlet before its name: "the Argentine
// newspaper Clarin", "the news agency Interfax".
var mediaDescriptors = set(`newspaper,daily,weekly,magazine,agency,channel,network,broadcaster,station,radio,television,
outlet,website,site,tabloid,paper,journal,program,programme,show,podcast,service,wire`)

var tellForms = set(`told,tells,telling`)

// platforms are where statements are posted: "on Twitter".
var platforms = set(`twitter,facebook,instagram,telegram,youtube,tiktok,x,truth,threads,linkedin,reddit,snapchat,vk`)

// statementNouns are what a statement is given in: "in an interview with".
var statementNouns = set(`interview,statement,comment,comments,remarks,op-ed,letter,post,tweet,speech,appearance,email,
message,video,column,essay,article,briefing,conference`)

// settings are media named by their kind: "in a tweet", "in a statement".
var settings = set(`tweet,statement,interview,speech,letter,post,email,video,briefing,op-ed`)

var broadcastKinds = set(`television,radio,press,news,phone,telephone`)

var whWords = set(`what,why,how,who,whom,where,when,which`)

// particles after a cue make another verb: "added up to", "think back".
var particles = set(`up,back,off,down,away`)

// compounds hold a cue word without reporting: "talk show", "think tank",
// "in order to", "spoke on condition of anonymity", "called attention".
var compounds = phrases(`talk show,talk shows,think tank,think tanks,in order,on condition,call attention,called attention,
calls attention,calling attention,read more,see also,see more,news reports,media reports,press reports,
investigative reports,add to,adds to,added to,adding to,add momentum,adds momentum,added momentum,adding momentum,
take notes,took notes,taking notes,takes notes,taken notes,compare notes,compared notes,roll call,close call,phone call,
conference call,wake-up call,curtain call,particular order,executive order,executive orders,court order,gag order,
restraining order,standing order,tv show,radio show,game show,reality show,news show,daily show,morning show,
believe me,trust me,pledged delegates,pledged delegate,call sheets,call sheet`)

// clauseOnly are cues that report only before a clause, a quotation or
// the end of a sentence: "charged that", "“...,” he added", but not
// "charged him with murder" or "added soldiers".
var clauseOnly = inflected(`add,charge,continue`, nil)

// phrases makes a set of comma-separated phrases of several words.
func phrases(list string) map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Split(list, ",") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			m[p] = true
		}
	}
	return m
}

// numberWords may end a speaker: "one in four".
var numberWords = set(`one,two,three,four,five,six,seven,eight,nine,ten,dozen,hundred,thousand`)

// quotingVerbs introduce a quotation that follows them with no comma:
// "said \"...\"", "tweeted \"...\"", "chanted \"...\"".
var quotingVerbs = inflected(`say,add,write,ask,declare,reply,respond,answer,shout,tweet,post,read,chant,yell,scream,
exclaim,proclaim,quip+,joke,note,state,continue,whisper,mutter,sing,cry,begin,conclude,put,quote,recall,warn,insist,
explain,argue,remark,tell,wonder,admit+,claim,vow,promise,announce,testify,muse`, nil)

// focusWords may open a subject without being part of it: "even some".
var focusWords = set(`even,only,also,just,still,now,both,then`)

// participleLinks join a participle cue to the clause whose subject speaks:
// "..., while saying", "began by saying".
var participleLinks = set(`while,by,after,before,when,without,in,on,since`)

var (
	reflexives = set(`himself,herself,itself,themselves,myself,ourselves,yourself,yourselves`)
	findForms  = set(`find,finds,found,finding`)
	showForms  = set(`show,shows,showed,shown,showing`)
	weekdays   = set(`monday,tuesday,wednesday,thursday,friday,saturday,sunday`)
)

// judgementsToSay come before "to say" when it reports no statement: "it
// is too soon to say", "needless to say", "had little to say".
var judgementsToSay = set(`hard,safe,fair,soon,early,difficult,impossible,needless,little,nothing,much,anything,suffice,
tough,premature,easy,strange,sad,accurate,wrong,right,honest,unfair`)

// invertingCues put the speaker after them when they close a report:
// "..., said the minister", "..., wrote Anders".
var invertingCues = set(`said,says,added,adds,wrote,writes,asked,asks,explained,noted,notes,recalled,argued,argues,
continued,continues,insisted,replied,warned,observed,explains,recalls,insists`)

// subordinators open a clause that a sentence's main clause follows:
// "Though X said ..., Y ...".
var subordinators = set(`though,although,while,as,when,after,before,since,because,if,once,until,unless,whereas,whenever`)

// quotationCues report only right after a quotation: "“...,” she
// laughed", "“...!” beamed Hartley", "“...,” the Saudis state in the
// paper". Elsewhere they report nothing ("the state", "beamed with pride").
var quotationCues = union(inflected(`exclaim,yell,scream,chant,beam,gush,laugh,sigh,snap+,cry,marvel,chuckle,whisper,mutter,
murmur,bellow,holler,grumble,groan,quip+,gasp,sneer,snort,shrug,smile,grin+,plead,offer,interject,intone,boom,thunder,
cheer,roar,croon,sing`, nil), nounForms)

// nounFollowers follow a cue word used as a noun: "the claims of", "the
// only hope at this point", "his call for".
var nounFollowers = set(`of,at,is,was,for,in,on,from,to`)

// financialNouns after "reported" make it a company's accounts, not a
// statement: "reported earnings of $8.42 a share", "reported a loss".
var financialNouns = set(`earnings,earning,profit,profits,revenue,revenues,sales,loss,losses,income,results,deficit,surplus`)

// winnings are what "claim" takes when it wins rather than asserts:
// "claim the nomination".
var winnings = set(`nomination,victory,title,seat,prize,crown,mantle,throne,win,lead,spot,majority,presidency`)
