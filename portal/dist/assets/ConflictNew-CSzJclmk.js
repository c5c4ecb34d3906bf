import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{Q as r,a as i,at as a,c as o,d as s,f as c,h as l,l as u,m as d,n as f,o as p,r as m,s as h}from"./format-DisZWC6h.js";import{t as g}from"./useTranslation-C_P0klXE.js";import{CONFLICT_SEVERITIES as _}from"./Conflicts-00W4YM4S.js";var v=e(t(),1),y=n(),b=[`TERRITORY_BREACH`,`PRICE_UNDERCUT`,`CUSTOMER_POACHING`,`OTHER`],x=c(`
  query ConflictOptions($dealerID: ID!, $isDealer: Boolean!) {
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
        }
      }
    }
    orders(first: 20) {
      edges {
        node {
          id
          number
          placedAt
          dealer {
            id
            name
          }
        }
      }
    }
  }
`),S=c(`
  query ConflictPartySearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),C=c(`
  mutation OpenConflictCase($input: OpenConflictCaseInput!) {
    openConflictCase(input: $input) {
      id
      number
    }
  }
`);function w(){let{t:e,i18n:t}=g(),n=(0,v.useId)(),c=a(),[{data:w}]=s(),T=w?.me,E=T?.role===`DEALER`;m(e(`conflicts.newTitle`));let[{data:D,error:O}]=l({query:x,variables:{dealerID:T?.dealer?.id??``,isDealer:E},pause:!T}),[k,A]=(0,v.useState)({kind:`TERRITORY_BREACH`,severity:`MEDIUM`,territoryID:``,summary:``,evidence:``}),[j,M]=(0,v.useState)([]),[N,P]=(0,v.useState)([]),[F,I]=(0,v.useState)(``),[{data:L}]=l({query:S,variables:{q:F},pause:F.trim().length<2}),[{fetching:R,error:z},B]=d(C);if(O&&!D)return(0,y.jsx)(i,{error:O});if(!D)return(0,y.jsx)(p,{});let V=E?D.dealer?.__typename===`Dealer`?D.dealer.territories??[]:[]:(D.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]),H=(D.orders.edges??[]).flatMap(e=>e?.node?[e.node]:[]),U=(L?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]).filter(e=>e.id!==T?.dealer?.id&&!j.some(t=>t.id===e.id)),W=u(z),G=(...t)=>{let n=W.find(e=>e.field&&t.includes(o(e.field).name.replace(/\[\d+\]$/,``)));return n?(0,y.jsx)(`p`,{className:`field-error`,role:`alert`,children:h(e,{...n,field:n.field.replace(/\[\d+\]$/,``)},`conflicts`)}):null},K=W.filter(e=>!e.field),q=e=>t=>A(n=>({...n,[e]:t.target.value}));return(0,y.jsxs)(`section`,{"aria-labelledby":`${n}-title`,children:[(0,y.jsx)(`p`,{className:`back`,children:(0,y.jsxs)(r,{to:`/conflicts`,children:[`← `,e(`conflicts.back`)]})}),(0,y.jsx)(`h1`,{id:`${n}-title`,children:e(`conflicts.newTitle`)}),(0,y.jsx)(`p`,{className:`lead`,children:e(`conflicts.newIntro`)}),(0,y.jsxs)(`form`,{className:`form conflict-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault();let t=await B({input:{kind:k.kind,severity:k.severity,partyIDs:j.map(e=>e.id),territoryID:k.territoryID||null,summary:k.summary,evidence:k.evidence||null,evidenceOrderIDs:N}});!t.error&&t.data&&c(`/conflicts/${encodeURIComponent(t.data.openConflictCase.id)}`)},children:[(0,y.jsxs)(`div`,{className:`field-row`,children:[(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:`${n}-kind`,children:e(`conflicts.kind`)}),(0,y.jsx)(`select`,{id:`${n}-kind`,name:`kind`,value:k.kind,onChange:q(`kind`),children:b.map(t=>(0,y.jsx)(`option`,{value:t,children:e(`conflictKind.${t}`)},t))})]}),(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:`${n}-severity`,children:e(`conflicts.severity`)}),(0,y.jsx)(`select`,{id:`${n}-severity`,name:`severity`,value:k.severity,onChange:q(`severity`),children:_.map(t=>(0,y.jsx)(`option`,{value:t,children:e(`conflictSeverity.${t}`)},t))})]}),(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:`${n}-territory`,children:e(`conflicts.territory`)}),(0,y.jsxs)(`select`,{id:`${n}-territory`,name:`territoryID`,value:k.territoryID,onChange:q(`territoryID`),children:[(0,y.jsx)(`option`,{value:``,children:e(`conflicts.noTerritory`)}),V.map(e=>(0,y.jsx)(`option`,{value:e.id,children:e.name},e.id))]}),G(`territoryID`)]})]}),(0,y.jsxs)(`fieldset`,{className:`parties`,children:[(0,y.jsx)(`legend`,{children:e(`conflicts.against`)}),j.length>0&&(0,y.jsx)(`ul`,{className:`chips`,children:j.map(t=>(0,y.jsxs)(`li`,{"data-party":t.name,children:[t.name,` `,(0,y.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":e(`policies.removeDealer`,{name:t.name}),onClick:()=>M(j.filter(e=>e.id!==t.id)),children:`×`})]},t.id))}),(0,y.jsx)(`label`,{htmlFor:`${n}-party`,children:e(`policies.findDealer`)}),(0,y.jsx)(`input`,{id:`${n}-party`,name:`party`,type:`search`,value:F,onChange:e=>I(e.target.value)}),U.length>0&&(0,y.jsx)(`ul`,{className:`links dealer-candidates`,children:U.map(e=>(0,y.jsx)(`li`,{children:(0,y.jsxs)(`button`,{type:`button`,className:`button button-quiet`,"data-dealer":e.name,onClick:()=>{M([...j,{id:e.id,name:e.name}]),I(``)},children:[`+ `,e.name,` `,(0,y.jsx)(`span`,{className:`muted mono`,children:e.code})]})},e.id))}),G(`partyIDs`)]}),(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:`${n}-summary`,children:e(`conflicts.summary`)}),(0,y.jsx)(`textarea`,{id:`${n}-summary`,name:`summary`,rows:3,maxLength:2e3,value:k.summary,onChange:q(`summary`)}),G(`summary`)]}),(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:`${n}-evidence`,children:e(`conflicts.evidence`)}),(0,y.jsx)(`textarea`,{id:`${n}-evidence`,name:`evidence`,rows:4,maxLength:1e4,value:k.evidence,onChange:q(`evidence`)}),G(`evidence`)]}),H.length>0&&(0,y.jsxs)(`fieldset`,{className:`evidence-orders`,children:[(0,y.jsx)(`legend`,{children:e(`conflicts.linkOrders`)}),H.map(e=>(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`checkbox`,"data-order":e.number,checked:N.includes(e.id),onChange:()=>P(N.includes(e.id)?N.filter(t=>t!==e.id):[...N,e.id])}),` `,(0,y.jsx)(`span`,{className:`mono`,children:e.number}),` `,(0,y.jsx)(`span`,{className:`muted`,children:e.dealer.name}),` `,(0,y.jsx)(`span`,{className:`muted`,children:f(e.placedAt,t.language)})]},e.id)),G(`evidenceOrderIDs`)]}),K.map((t,n)=>(0,y.jsx)(`p`,{className:`field-error`,role:`alert`,children:h(e,t,`conflicts`)},n)),(0,y.jsx)(`p`,{className:`actions-row`,children:(0,y.jsx)(`button`,{type:`submit`,className:`button button-primary`,"data-action":`open-case`,disabled:R,children:e(`conflicts.submit`)})})]})]})}export{b as CONFLICT_KINDS,w as ConflictNew,x as ConflictOptionsQuery,S as ConflictPartySearchQuery,C as OpenConflictCaseMutation};